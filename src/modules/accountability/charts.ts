// Charts of the accountability document and the dashboards: server-side SVG drawn by Observable Plot in a linkedom
// document (no JavaScript in the browser). Every chart is one image (role="img", <title> and <desc>), with a data
// table beside it that gives the same figures; series are told apart by pattern and a text legend too, not by colour
// alone. Suppressed figures ("< 5", "x") are left out of a chart (the table says them).
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { Lang } from '../../platform/i18n/index.ts';
import { localeOf, numberFormat } from '../../platform/i18n/intl.ts';
import { escapeXml, svgImage } from '../../platform/ui/svg.ts';

export interface SeriesRow {
  label: string;
  values: (number | null)[];
}

export interface LinePoint {
  series: string;
  period: string;
  value: number;
}

/** What every chart has: its id (unique on the page), its title and description (the image's name), the axis
 *  label of its values, and the language its numbers are written in (ticks and bar labels as in the table beside it). */
export interface ChartText {
  id: string;
  title: string;
  desc: string;
  valueLabel: string;
  lang: Lang;
}

/** The language's way of writing a number on an axis or a bar (1.234,5 in Dutch, 1,234.5 in English). */
const numbers = (lang: Lang) => {
  const f = numberFormat(localeOf(lang), { maximumFractionDigits: 2 });
  return (n: number) => f.format(n);
};

const COLOURS = ['#1f5f8b', '#e3a21a', '#6b4f9e', '#2e7d32'];
const DASHES = ['', '4 2', '1 2', '6 3'];

/** `legendTop`: how far down the legend is drawn (a line chart's y axis label takes the top line). */
function finish(svg: Element, id: string, title: string, desc: string, legend: { label: string; fill: string; dash?: string }[], legendTop = 0): string {
  // The hatch pattern (the second series) and the legend are drawn into the SVG, so they travel with a download.
  const hatch = `${id}-arcering`;
  let x = 10;
  const items = legend
    .map((l) => {
      const fill = l.fill === 'hatch' ? `url(#${hatch})` : l.fill;
      const swatch =
        l.dash !== undefined
          ? `<line x1="${x}" y1="14" x2="${x + 22}" y2="14" stroke="${fill}" stroke-width="3" stroke-dasharray="${l.dash}"/>`
          : `<rect x="${x}" y="7" width="14" height="14" fill="${fill}" stroke="#1a1a1a" stroke-width="0.5"/>`;
      const w = l.dash !== undefined ? 28 : 20;
      const out = `${swatch}<text x="${x + w}" y="18" font-size="12" text-anchor="start" fill="#1a1a1a">${escapeXml(l.label)}</text>`;
      x += w + 7 * l.label.length + 24;
      return out;
    })
    .join('');
  const defs = `<defs><pattern id="${hatch}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="${COLOURS[1]}"/><line x1="0" y1="0" x2="0" y2="6" stroke="#1a1a1a" stroke-width="2"/></pattern></defs>`;
  if (legend.some((l) => l.fill === 'hatch')) svg.querySelectorAll(`[fill="${COLOURS[1]}"]`).forEach((e) => e.setAttribute('fill', `url(#${hatch})`));
  return svgImage(svg, { id, title, desc, prelude: `${defs}<g${legendTop ? ` transform="translate(0,${legendTop})"` : ''}>${items}</g>` });
}

/**
 * Horizontal grouped bars: one group per row, one bar per series (e.g. planned and delivered). Bars of the second
 * series are hatched (a pattern, not only a colour).
 */
export function groupedBars({ id, title, desc, valueLabel: xLabel, lang }: ChartText, series: string[], rows: SeriesRow[]): string {
  const num = numbers(lang);
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const data = rows.flatMap((r) => series.map((s, i) => ({ label: r.label, series: s, value: r.values[i] })).filter((d) => d.value !== null)) as { label: string; series: string; value: number }[];
  const longest = Math.max(4, ...rows.map((r) => r.label.length));
  const svg = Plot.plot({
    document,
    width: 680,
    height: Math.max(136, rows.length * (22 * series.length + 12) + 92),
    marginLeft: Math.min(300, 24 + Math.min(longest, 40) * 7),
    marginRight: 50,
    marginTop: 36,
    marginBottom: 46,
    x: { label: xLabel, nice: true, tickFormat: num },
    y: { label: null, axis: null, domain: series },
    fy: { label: null, domain: rows.map((r) => r.label), tickFormat: (d: string) => (d.length > 40 ? `${d.slice(0, 39)}…` : d) },
    color: { domain: series, range: COLOURS.slice(0, series.length) },
    marks: [
      // one x axis under the last group (a group without bars, e.g. a suppressed count, must not get its own)
      Plot.gridX({ stroke: '#ccc', strokeOpacity: 1 }),
      // the axis label on a line of its own, under the tick values (at the right end it would cover the last one)
      Plot.axisX({ facetAnchor: 'bottom', label: xLabel, labelOffset: 38, tickFormat: num }),
      Plot.barX(data, { x: 'value', y: 'series', fy: 'label', fill: 'series' }),
      Plot.text(data, { x: 'value', y: 'series', fy: 'label', text: (d: { series: string; value: number }) => num(d.value), dx: 4, textAnchor: 'start', fill: '#1a1a1a' }),
      Plot.ruleX([0]),
    ],
  }) as unknown as Element;
  return finish(
    svg,
    id,
    title,
    desc,
    series.map((label, i) => ({ label, fill: i === 1 ? 'hatch' : COLOURS[i] })),
  );
}

/** A line chart of series over periods (indicator trends; a benchmark is another series, dashed). */
export function lineChart({ id, title, desc, valueLabel: yLabel, lang }: ChartText, points: LinePoint[]): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const series = [...new Set(points.map((p) => p.series))];
  const svg = Plot.plot({
    document,
    width: 680,
    height: 316,
    // the y axis' label takes the top line, the legend the next (see finish)
    marginTop: 56,
    marginLeft: 60,
    x: { label: null, type: 'point', domain: [...new Set(points.map((p) => p.period))].sort() },
    y: { label: yLabel, grid: true, nice: true, tickFormat: numbers(lang) },
    marks: [
      ...series.map((s, i) => Plot.line(points.filter((p) => p.series === s), { x: 'period', y: 'value', stroke: COLOURS[i % COLOURS.length], strokeWidth: 2, strokeDasharray: DASHES[i % DASHES.length] })),
      Plot.dot(points, { x: 'period', y: 'value', fill: '#1a1a1a', r: 3 }),
    ],
  }) as unknown as Element;
  return finish(
    svg,
    id,
    title,
    desc,
    series.map((label, i) => ({ label, fill: COLOURS[i % COLOURS.length], dash: DASHES[i % DASHES.length] || '0' })),
    22,
  );
}

/** A standalone SVG file of a chart (download): XML declaration, white background, the page's font. */
export const svgFile = (inline: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${inline.replace(/^<svg /, '<svg style="font: 12px system-ui, sans-serif; background: white" ')}`;
