// The choropleth map of an indicator for one period: the municipality's wijken (or buurten) from their stored
// boundaries, drawn on the server as SVG by Observable Plot's geo mark (d3-geo inside) in a linkedom document.
// Classes are told apart three ways, so the map works without colour: a light-to-dark fill, a pattern per class
// (none, dots, lines, cross-hatch, solid) and the class number printed in each area; the legend shows the same
// swatches with the class ranges. The SVG has role="img" with <title> and <desc>; the page shows the data table.
// With a focus (e.g. a district's wijken) the map is fitted to those areas and only they get a class, a pattern
// and a number; the areas around them are drawn for orientation in light grey with a dashed outline and no number,
// and the legend says so. The classes, the rows and the description then cover the focus areas only.
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { escapeXml, svgImage } from '../../platform/ui/svg.ts';
import { sideBySide, type ServiceContext } from '../../platform/context.ts';
import { t } from '../../platform/i18n/index.ts';
import { listAreaBoundaries, listNeighbourhoods, type AreaBoundary } from '../framework/service.ts';
import { getIndicator } from './definitions.ts';
import { listIndicatorValues } from './values.ts';
import { localeOf, numberFormat } from '../../platform/i18n/intl.ts';

export interface MapRow {
  areaCode: string;
  areaName: string;
  value: number | null;
  classLabel: string;
}

export interface MapClass {
  n: number;
  from: number;
  to: number;
  label: string;
}


/** Up to five classes of (about) equal size, bounds taken from the values themselves. */
export function classesOf(values: number[], format: (n: number) => string): MapClass[] {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  if (!sorted.length) return [];
  const k = Math.min(5, sorted.length);
  const out: MapClass[] = [];
  for (let i = 0; i < k; i++) {
    const from = sorted[Math.floor((i * sorted.length) / k)];
    const to = sorted[Math.floor(((i + 1) * sorted.length) / k) - 1];
    out.push({ n: i + 1, from, to, label: from === to ? format(from) : `${format(from)} – ${format(to)}` });
  }
  return out;
}

const classOf = (classes: MapClass[], v: number) => classes.find((c) => v <= c.to) ?? classes[classes.length - 1];

/** Fills light to dark (ColorBrewer Blues, 5 classes), each dark enough against its pattern and label. */
const FILLS = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];
const INK = ['#1a1a1a', '#1a1a1a', '#1a1a1a', '#ffffff', '#ffffff'];
const NO_DATA = '#d9d9d9';

/** One pattern per class: none, dots, diagonal lines, cross-hatch, solid with fine lines. */
function patternDefs(id: string): string {
  const p = (n: number, body: string) => `<pattern id="${id}-p${n}" patternUnits="userSpaceOnUse" width="8" height="8"><rect width="8" height="8" fill="${FILLS[n - 1]}"/>${body}</pattern>`;
  return [
    p(1, ''),
    p(2, '<circle cx="4" cy="4" r="1.3" fill="#1a1a1a"/>'),
    p(3, '<path d="M0,8 L8,0 M-2,2 L2,-2 M6,10 L10,6" stroke="#1a1a1a" stroke-width="1.2"/>'),
    p(4, '<path d="M0,8 L8,0 M-2,2 L2,-2 M6,10 L10,6 M0,0 L8,8 M-2,6 L2,10 M6,-2 L10,2" stroke="#ffffff" stroke-width="1.2"/>'),
    p(5, '<path d="M0,4 L8,4" stroke="#ffffff" stroke-width="0.8"/>'),
    `<pattern id="${id}-none" patternUnits="userSpaceOnUse" width="6" height="6"><rect width="6" height="6" fill="${NO_DATA}"/></pattern>`,
  ].join('');
}

/** RFC 7946 rings run counter-clockwise; d3-geo wants clockwise exterior rings on the sphere: reverse those. */
function forD3(b: AreaBoundary): AreaBoundary {
  const ring = (r: number[][], exterior: boolean) => {
    let area = 0;
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) area += (r[j][0] - r[i][0]) * (r[j][1] + r[i][1]);
    const clockwise = area < 0; // this sum is positive for a counter-clockwise ring (x = longitude, y = latitude)
    return clockwise === exterior ? r : [...r].reverse();
  };
  const polygon = (p: number[][][]) => p.map((r, i) => ring(r, i === 0));
  return b.type === 'Polygon' ? { type: 'Polygon', coordinates: polygon(b.coordinates as number[][][]) } : { type: 'MultiPolygon', coordinates: (b.coordinates as number[][][][]).map(polygon) };
}

/** Areas drawn but outside the focus: light grey, a dashed outline, no number. */
const OUTSIDE = { fill: '#f2f2f2', stroke: '#8c8c8c', dash: '4 3' };

export interface MapFocus {
  /** the area codes that are classed and listed (e.g. the wijken of a district) */
  codes: string[];
  /** what they are, for the legend and the description (e.g. "stadsdeel Noord") */
  name: string;
}

export async function renderIndicatorMap(
  ctx: ServiceContext,
  opts: { key: string; period: string; areaLevel: 'wijk' | 'buurt'; lang: 'nl' | 'en'; focus?: MapFocus },
): Promise<{ svg: string; rows: MapRow[]; classes: MapClass[] }> {
  const indicator = await getIndicator(ctx, opts.key);
  const [boundaries, areas, values] = await sideBySide(ctx, [
    () => listAreaBoundaries(ctx, opts.areaLevel),
    () => listNeighbourhoods(ctx),
    () => listIndicatorValues(ctx, opts.key, { areaLevel: opts.areaLevel, from: opts.period, to: opts.period }),
  ] as const);
  const lang = opts.lang;
  const nf = numberFormat(localeOf(lang), { maximumFractionDigits: 2 });
  const focus = opts.focus ? new Set(opts.focus.codes) : null;
  const inFocus = (code: string) => !focus || focus.has(code);
  const byCode = new Map(values.filter((v) => v.period === opts.period && inFocus(v.areaCode)).map((v) => [v.areaCode, v.value]));
  const level = areas.filter((a) => a.kind === opts.areaLevel).sort((a, b) => (a.code < b.code ? -1 : 1));
  const shown = level.filter((a) => inFocus(a.code));
  const classes = classesOf([...byCode.values()], (n) => nf.format(n));
  const rows: MapRow[] = shown.map((a) => {
    const v = byCode.get(a.code) ?? null;
    const c = v === null ? null : classOf(classes, v);
    return { areaCode: a.code, areaName: a.name, value: v, classLabel: c ? t(lang, 'indicators.map.class', { n: c.n, range: c.label }) : t(lang, 'indicators.map.noData') };
  });

  const id = `kaart-${opts.key}`.replace(/[^a-z0-9-]/g, '');
  const feature = (a: (typeof level)[number]) => {
    const v = byCode.get(a.code) ?? null;
    return { type: 'Feature' as const, properties: { code: a.code, name: a.name, value: v, cls: v === null ? 0 : classOf(classes, v).n }, geometry: forD3(boundaries.get(a.code)!) };
  };
  const features = shown.filter((a) => boundaries.has(a.code)).map(feature);
  const around = focus ? level.filter((a) => !focus.has(a.code) && boundaries.has(a.code)).map(feature) : [];
  const perLevel = t(lang, opts.areaLevel === 'wijk' ? 'indicators.map.perWijk' : 'indicators.map.perBuurt');
  const title = opts.focus
    ? t(lang, 'indicators.map.titleFocus', { name: indicator.name, level: perLevel, area: opts.focus.name, period: opts.period })
    : t(lang, 'indicators.map.title', { name: indicator.name, level: perLevel, period: opts.period });
  const missing = rows.filter((r) => r.value === null).length;
  const desc = [
    t(lang, 'indicators.map.desc', { unit: indicator.unit, n: classes.length }),
    ...classes.map((c) => t(lang, 'indicators.map.descClass', { n: c.n, range: c.label, areas: rows.filter((r) => r.value !== null && classOf(classes, r.value).n === c.n).map((r) => r.areaName).join(', ') })),
    missing ? t(lang, 'indicators.map.descMissing', { n: missing }) : '',
    opts.focus && around.length ? t(lang, 'indicators.map.descOutside', { name: opts.focus.name, n: around.length }) : '',
    t(lang, 'indicators.map.source', { source: [...new Set(values.map((v) => v.source))].join('; ') || indicator.source }),
  ].filter(Boolean).join(' ');

  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const width = 480;
  const mapHeight = 440;
  const legendHeight = 30 * (classes.length + (missing ? 1 : 0) + (around.length ? 1 : 0)) + 44;
  const collection = { type: 'FeatureCollection' as const, features };
  const svg = Plot.plot({
    document,
    width,
    height: mapHeight,
    margin: 10,
    // fitted to the areas shown; the areas around them are cut off at the frame
    projection: features.length ? { type: 'mercator', domain: collection, inset: around.length ? 12 : 0 } : undefined,
    marks: features.length
      ? [
          ...(around.length ? [Plot.geo(around, { fill: OUTSIDE.fill, stroke: OUTSIDE.stroke, strokeWidth: 1, strokeDasharray: OUTSIDE.dash, clip: 'frame' })] : []),
          Plot.geo(features, { fill: (f: (typeof features)[number]) => (f.properties.cls ? `url(#${id}-p${f.properties.cls})` : `url(#${id}-none)`), stroke: '#ffffff', strokeWidth: 1.5 }),
          Plot.text(features, Plot.centroid({ text: (f: (typeof features)[number]) => (f.properties.cls ? String(f.properties.cls) : '–'), fill: '#1a1a1a', stroke: '#ffffff', strokeWidth: 3, paintOrder: 'stroke', fontSize: 13, fontWeight: 'bold' })),
        ]
      : [Plot.text([t(lang, 'indicators.map.noBoundaries')], { frameAnchor: 'middle', fontSize: 14 })],
  }) as unknown as Element;
  svg.setAttribute('height', String(mapHeight + legendHeight));
  svg.setAttribute('viewBox', `0 0 ${width} ${mapHeight + legendHeight}`);
  // The legend: a swatch with the class's fill and pattern, its number and its range.
  const legendItems = [
    ...classes.map((c, i) => ({ y: mapHeight + 40 + i * 30, fill: `url(#${id}-p${c.n})`, mark: String(c.n), text: t(lang, 'indicators.map.class', { n: c.n, range: c.label }), ink: INK[c.n - 1] })),
    ...(missing ? [{ y: mapHeight + 40 + classes.length * 30, fill: `url(#${id}-none)`, mark: '–', text: t(lang, 'indicators.map.noData'), ink: '#1a1a1a' }] : []),
    ...(opts.focus && around.length ? [{ y: mapHeight + 40 + (classes.length + (missing ? 1 : 0)) * 30, fill: OUTSIDE.fill, mark: '', text: t(lang, 'indicators.map.outside', { name: opts.focus.name }), ink: '#1a1a1a', dash: OUTSIDE.dash }] : []),
  ] as { y: number; fill: string; mark: string; text: string; ink: string; dash?: string }[];
  const legend =
    `<g class="sb-map-legend" text-anchor="start" font-size="16" font-family="system-ui, sans-serif"><text x="10" y="${mapHeight + 18}" font-weight="bold" fill="#1a1a1a">${escapeXml(t(lang, 'indicators.map.legend', { unit: indicator.unit }))}</text>` +
    legendItems.map((l) => `<rect x="10" y="${l.y - 16}" width="38" height="24" fill="${l.fill}" ${l.dash ? `stroke="${OUTSIDE.stroke}" stroke-dasharray="${l.dash}"` : 'stroke="#1a1a1a"'} stroke-width="1"/><text x="29" y="${l.y + 1}" text-anchor="middle" font-weight="bold" fill="#1a1a1a" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(l.mark)}</text><text x="58" y="${l.y + 1}" fill="#1a1a1a">${escapeXml(l.text)}</text>`).join('') +
    '</g>';
  const html = svgImage(svg, { id, title, desc, className: 'sb-chart sb-map', prelude: `<defs>${patternDefs(id)}</defs>` }).replace(/<\/svg>$/, `${legend}</svg>`);
  return { svg: html, rows, classes };
}
