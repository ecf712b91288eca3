// The charts write their numbers as the table beside them does: in the reader's language, on the axis and on the bars.
import { describe, it, expect } from 'vitest';
import { groupedBars, lineChart, type ChartText } from './charts.ts';

const text = (lang: 'nl' | 'en'): ChartText => ({ id: 'c', title: 'Bereik', desc: 'Gepland en bereikt', valueLabel: 'Inwoners', lang });
const rows = [
  { label: 'Ontmoeten', values: [12_500, 9_876] },
  { label: 'Meedoen', values: [4_000, null] },
];

describe('charts', () => {
  it('write thousands and decimals in the reader’s language', () => {
    const nl = groupedBars(text('nl'), ['Gepland', 'Bereikt'], rows);
    const en = groupedBars(text('en'), ['Planned', 'Reached'], rows);
    expect(nl).toContain('>9.876<');
    expect(nl).toContain('>12.500<');
    expect(nl).not.toMatch(/>\d{1,3},\d{3}</); // an English thousands comma would read as a decimal comma in Dutch
    expect(en).toContain('>9,876<');
    expect(en).toContain('>12,500<');
    const trend = lineChart(text('nl'), [
      { series: 'Haarlem', period: '2022', value: 1.5 },
      { series: 'Haarlem', period: '2023', value: 2.25 },
    ]);
    expect(trend).toMatch(/>[12],\d</); // y ticks such as 1,6 and 2,2
    expect(trend).not.toMatch(/>[12]\.\d</);
  });

  it('is one image with its title and description, and a legend in text', () => {
    const svg = groupedBars(text('nl'), ['Gepland', 'Bereikt'], rows);
    expect(svg).toMatch(/^<svg[^>]*role="img"/);
    expect(svg).toContain('<title');
    expect(svg).toContain('Gepland en bereikt');
    expect(svg).toContain('>Bereikt</text>');
  });
});
