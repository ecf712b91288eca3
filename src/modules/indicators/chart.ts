// The trend of an indicator: one line per area over the periods, benchmarks (other municipalities) dashed, drawn on
// the server as SVG by Observable Plot in a linkedom document. Lines are told apart without colour: each has its
// own marker shape and its name at its last point, benchmarks are dashed. role="img" with <title> and <desc>; the
// page shows the data table beside it.
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { svgImage } from '../../platform/ui/svg.ts';
import { parsePeriod } from './periods.ts';
import type { IndicatorValueView } from './values.ts';
import { localeOf, numberFormat } from '../../platform/i18n/intl.ts';

const SYMBOLS = ['circle', 'square', 'triangle', 'diamond', 'star', 'cross', 'wye', 'times'] as const;
const COLOURS = ['#08519c', '#a63603', '#006d2c', '#54278f', '#252525', '#7f2704', '#00441b', '#3f007d'];

/** A period as the date it starts (years, quarters and months alike on one time axis). */
const dateOf = (period: string) => {
  const p = parsePeriod(period)!;
  return new Date(Date.UTC(p.year, p.firstMonth - 1, 1));
};

export function trendChart(id: string, title: string, desc: string, values: IndicatorValueView[], unit: string, lang: 'nl' | 'en'): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const series = [...new Set(values.map((v) => v.areaCode))];
  const label = (v: IndicatorValueView) => (v.benchmark ? `${v.areaName} (${lang === 'nl' ? 'vergelijking' : 'benchmark'})` : v.areaName);
  const points = values.map((v) => ({ ...v, date: dateOf(v.period), name: label(v), n: series.indexOf(v.areaCode) % SYMBOLS.length }));
  const last = series.map((code) => points.filter((p) => p.areaCode === code).at(-1)!);
  const nf = numberFormat(localeOf(lang), { maximumFractionDigits: 2 });
  // End labels never overlap: from the highest down, each at least a line below the one above it.
  const yMin = Math.min(0, ...values.map((v) => v.value));
  const yMax = Math.max(...values.map((v) => v.value));
  const gap = ((yMax - yMin) || 1) * (15 / 290);
  const labels = [...last].sort((a, b) => b.value - a.value);
  labels.forEach((p, i) => Object.assign(p, { labelY: i === 0 ? p.value : Math.min(p.value, (labels[i - 1] as typeof p & { labelY: number }).labelY - gap) }));
  const longest = Math.max(6, ...last.map((p) => `${p.name}: ${nf.format(p.value)}`.length));
  const svg = Plot.plot({
    document,
    width: 640,
    height: 360,
    marginLeft: 60,
    marginRight: Math.min(300, 20 + longest * 7.5),
    x: { type: 'utc', label: null, ticks: 6 },
    y: { label: unit, grid: true, nice: true, zero: values.every((v) => v.value >= 0), tickFormat: (d: number) => nf.format(d) },
    symbol: { domain: SYMBOLS.map((_, i) => i), range: [...SYMBOLS] },
    marks: [
      Plot.line(points.filter((p) => !p.benchmark), { x: 'date', y: 'value', z: 'areaCode', stroke: (p: (typeof points)[number]) => COLOURS[p.n], strokeWidth: 2 }),
      Plot.line(points.filter((p) => p.benchmark), { x: 'date', y: 'value', z: 'areaCode', stroke: (p: (typeof points)[number]) => COLOURS[p.n], strokeWidth: 2, strokeDasharray: '6,4' }),
      Plot.dot(points, { x: 'date', y: 'value', symbol: 'n', stroke: (p: (typeof points)[number]) => COLOURS[p.n], fill: '#ffffff', r: 4, strokeWidth: 2 }),
      Plot.text(labels, { x: 'date', y: 'labelY', text: (p: (typeof points)[number]) => `${p.name}: ${nf.format(p.value)}`, dx: 8, textAnchor: 'start', fill: '#1a1a1a' }),
    ],
  }) as unknown as Element;
  return svgImage(svg, { id, title, desc });
}

/** A standalone SVG file of a chart or map (download), with an XML declaration and a font. */
export const svgFile = (inline: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${inline.replace(/^<svg /, '<svg style="font: 12px system-ui, sans-serif; background: white" ')}`;
