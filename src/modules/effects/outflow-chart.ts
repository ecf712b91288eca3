// The outflow report as a chart: per theme, the share of ended trajectories with goals reached, partly and not
// reached (stacked bars). Server-side SVG (Observable Plot on a linkedom document), no inline style (the page's CSP),
// with a title and description for screen readers; the page shows the same figures in a table beside it.
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { OutflowCell } from './outflow-report.ts';

export interface ChartText {
  title: string;
  description: string;
  results: { reached: string; partly: string; not: string };
  themeName: (slug: string | null) => string;
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** SVG markup, or null when no theme has figures to show (all suppressed or none). */
export function outflowChart(cells: OutflowCell[], text: ChartText, id = 'uitstroom-grafiek'): string | null {
  const shown = cells.filter((c) => !c.suppressed && c.ended);
  if (shown.length === 0) return null;
  const data = shown.flatMap((c) =>
    (['reached', 'partly', 'not'] as const).map((r) => ({ theme: text.themeName(c.themeSlug), result: text.results[r], share: (r === 'reached' ? c.shareReached : r === 'partly' ? c.sharePartly : c.shareNot) ?? 0 })),
  );
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const svg = Plot.plot({
    document: document as unknown as Document,
    width: 640,
    height: 60 + 40 * shown.length,
    marginLeft: 200,
    x: { label: '%', percent: true, domain: [0, 100] },
    y: { label: null },
    color: { legend: false, domain: Object.values(text.results), range: ['#1b7f3b', '#b5890b', '#a4262c'] },
    marks: [Plot.barX(data, Plot.stackX({ y: 'theme', x: 'share', fill: 'result' })), Plot.ruleX([0])],
  }) as unknown as Element;
  for (const style of [...svg.querySelectorAll('style')]) style.remove();
  // The whole SVG is one image (role="img"): its parts carry no ARIA names of their own.
  for (const el of [...svg.querySelectorAll('[aria-label], [aria-description], [aria-hidden]')]) for (const a of ['aria-label', 'aria-description', 'aria-hidden']) el.removeAttribute(a);
  svg.removeAttribute('style');
  // Without a fixed size the SVG scales to the width of its container (its viewBox keeps the proportions).
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `${id}-titel ${id}-beschrijving`);
  svg.setAttribute('class', 'sb-chart');
  const title = `<title id="${id}-titel">${escape(text.title)}</title><desc id="${id}-beschrijving">${escape(text.description)}</desc>`;
  return svg.outerHTML.replace(/^<svg([^>]*)>/, `<svg$1>${title}`);
}
