// The reader of a PDF's named destinations (pdf-destinations.ts) on small hand-made files: a nested page tree, a
// name with an escaped character, a destination on a page that is not in the tree, and a file it cannot read.
import { describe, it, expect } from 'vitest';
import { namedDestinationPages } from './pdf-destinations.ts';

/** A PDF from object bodies (object n = bodies[n - 1]) with a correct cross-reference table. */
function pdf(bodies: string[], root = 1): Buffer {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  bodies.forEach((b, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${b}\nendobj\n`;
  });
  const at = out.length;
  out += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<</Size ${bodies.length + 1}\n/Root ${root} 0 R>>\nstartxref\n${at}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describe('namedDestinationPages', () => {
  it('gives the 1-based page of every destination, in the order of the page tree', () => {
    const file = pdf([
      '<</Type /Catalog\n/Pages 2 0 R\n/Dests 3 0 R>>',
      '<</Type /Pages\n/Count 3\n/Kids [4 0 R 5 0 R]>>',
      '<</samenvatting [6 0 R /XYZ 6 600 0]\n/subdoel-2 [7 0 R /XYZ 6 842 0]\n/caf#C3#A9 [8 0 R /XYZ 0 0 0]\n/weg [9 0 R /XYZ 0 0 0]>>',
      '<</Type /Pages\n/Count 2\n/Kids [6 0 R 8 0 R]\n/Parent 2 0 R>>',
      '<</Type /Pages\n/Count 1\n/Kids [7 0 R]\n/Parent 2 0 R>>',
      '<</Type /Page\n/Parent 4 0 R>>',
      '<</Type /Page\n/Parent 5 0 R>>',
      '<</Type /Page\n/Parent 4 0 R>>',
      '<</Type /Font>>',
    ]);
    expect(Object.fromEntries(namedDestinationPages(file))).toEqual({ samenvatting: 1, 'café': 2, 'subdoel-2': 3 });
  });

  it('gives nothing for a file without destinations or with a compressed cross-reference', () => {
    expect(namedDestinationPages(pdf(['<</Type /Catalog\n/Pages 2 0 R>>', '<</Type /Pages\n/Count 0\n/Kids []>>'])).size).toBe(0);
    const compressed = Buffer.from('%PDF-1.5\n1 0 obj\n<</Type /XRef>>\nstream\nxx\nendstream\nendobj\nstartxref\n9\n%%EOF\n', 'latin1');
    expect(namedDestinationPages(compressed).size).toBe(0);
    expect(namedDestinationPages(Buffer.from('not a pdf')).size).toBe(0);
  });
});
