// Charts of survey results: server-side SVG drawn by Observable Plot in a linkedom document (no JavaScript in the
// browser). The page's CSP forbids inline <style>: Plot's <style> element is removed and the chart is styled by the
// results stylesheet. Every chart gets role="img" with a <title> and <desc> (aria-labelledby); the page shows a data
// table beside it with the same figures (suppressed cells are left out of the chart and say "< 5" in the table).
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { svgImage } from '../../platform/ui/svg.ts';

export interface Bar {
  label: string;
  value: number;
}


/** A horizontal bar chart as an accessible SVG string; `id` makes the title/desc ids unique on the page. */
export function barChart(id: string, title: string, desc: string, bars: Bar[], xLabel: string): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const longest = Math.max(4, ...bars.map((b) => b.label.length));
  const svg = Plot.plot({
    document,
    width: 640,
    height: Math.max(80, 34 * bars.length + 50),
    marginLeft: Math.min(280, 24 + longest * 7),
    marginRight: 40,
    x: { label: xLabel, grid: true, nice: true, tickFormat: (d: number) => (Number.isInteger(d) ? String(d) : '') },
    y: { label: null, domain: bars.map((b) => b.label) },
    marks: [
      Plot.barX(bars, { x: 'value', y: 'label', fill: '#1f5f8b' }),
      Plot.text(bars, { x: 'value', y: 'label', text: (b: Bar) => String(b.value), dx: 6, textAnchor: 'start', fill: '#1a1a1a' }),
      Plot.ruleX([0]),
    ],
  }) as unknown as Element;
  return svgImage(svg, { id, title, desc });
}

/** A standalone SVG file of a chart (download), with an XML declaration and the fonts the page's stylesheet gives. */
export const svgFile = (inline: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${inline.replace(/^<svg /, '<svg style="font: 12px system-ui, sans-serif; background: white" ')}`;
