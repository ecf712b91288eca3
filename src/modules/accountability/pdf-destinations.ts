// Where the sections of a printed document landed: the named destinations of a PDF written by Chromium (Skia), as a
// map from the element id (a link target, e.g. `subdoel-2`) to its 1-based page number. Chromium writes a
// destination for every element that a link of the same document points to, in the catalog's /Dests dictionary,
// each as `[pageRef /XYZ x y zoom]`; the page's number is its place in the page tree. Skia writes its objects
// uncompressed with one cross-reference table, which is all this reader handles: anything else gives an empty map
// (the caller then prints without page numbers rather than with wrong ones).

type Ref = number;

/** The objects' offsets from the cross-reference table(s) that `startxref` points to (following /Prev). */
function xref(text: string): Map<Ref, number> {
  const offsets = new Map<Ref, number>();
  const start = text.lastIndexOf('startxref');
  if (start < 0) return offsets;
  let at: number | null = Number(/startxref\s+(\d+)/.exec(text.slice(start))?.[1] ?? NaN);
  const seen = new Set<number>();
  while (at !== null && Number.isFinite(at) && !seen.has(at)) {
    seen.add(at);
    if (!text.startsWith('xref', at)) return new Map(); // a cross-reference stream (compressed): not read
    const re = /\s*(\d+)\s+(\d+)\s*[\r\n]/y;
    re.lastIndex = at + 4;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const first = Number(m[1]);
      const count = Number(m[2]);
      let pos = re.lastIndex;
      for (let i = 0; i < count; i++, pos += 20) {
        const entry = text.slice(pos, pos + 20);
        const e = /^(\d{10}) (\d{5}) ([nf])/.exec(entry);
        if (!e) return new Map();
        if (e[3] === 'n' && !offsets.has(first + i)) offsets.set(first + i, Number(e[1]));
      }
      re.lastIndex = pos;
    }
    const trailer = text.indexOf('trailer', at);
    const prev = trailer < 0 ? null : /\/Prev\s+(\d+)/.exec(text.slice(trailer, text.indexOf('>>', trailer) + 2));
    at = prev ? Number(prev[1]) : null;
  }
  return offsets;
}

/** Reads the page number of every named destination; an empty map when the file is not laid out as expected. */
export function namedDestinationPages(pdf: Uint8Array): Map<string, number> {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const offsets = xref(text);
  const body = (ref: Ref): string => {
    const at = offsets.get(ref);
    if (at === undefined) return '';
    const head = new RegExp(`^${ref}\\s+\\d+\\s+obj`).exec(text.slice(at, at + 40));
    if (!head) return '';
    const from = at + head[0].length;
    const ends = [text.indexOf('endobj', from), text.indexOf('stream', from)].filter((i) => i >= 0);
    return ends.length ? text.slice(from, Math.min(...ends)) : '';
  };
  const refOf = (dict: string, key: string): Ref | null => {
    const m = new RegExp(`/${key}\\s+(\\d+)\\s+\\d+\\s+R`).exec(dict);
    return m ? Number(m[1]) : null;
  };
  const trailerAt = text.lastIndexOf('trailer');
  const root = trailerAt < 0 ? null : refOf(text.slice(trailerAt), 'Root');
  if (root === null) return new Map();
  const catalog = body(root);
  const pagesRoot = refOf(catalog, 'Pages');
  const destsRef = refOf(catalog, 'Dests');
  if (pagesRoot === null || destsRef === null) return new Map();

  // The page tree in order: a /Pages node's /Kids are pages or further nodes.
  const pageNumber = new Map<Ref, number>();
  const walk = (ref: Ref, depth: number) => {
    if (depth > 32) return;
    const node = body(ref);
    if (/\/Type\s*\/Pages\b/.test(node)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node)?.[1] ?? '';
      for (const k of kids.matchAll(/(\d+)\s+\d+\s+R/g)) walk(Number(k[1]), depth + 1);
    } else if (/\/Type\s*\/Page\b/.test(node)) pageNumber.set(ref, pageNumber.size + 1);
  };
  walk(pagesRoot, 0);

  const pages = new Map<string, number>();
  const dests = body(destsRef);
  for (const m of dests.matchAll(/\/([^\s/[\]<>(){}%]+)\s*\[\s*(\d+)\s+\d+\s+R/g)) {
    const name = m[1].replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    const page = pageNumber.get(Number(m[2]));
    if (page !== undefined) pages.set(Buffer.from(name, 'latin1').toString('utf8'), page);
  }
  return pages;
}
