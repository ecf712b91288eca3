/** @jsxImportSource hono/jsx */
// The outputs of the accountability document: a standalone HTML file (the stylesheet inlined, no links to the
// platform), a PDF printed by Chromium from that HTML (A4, table of contents, page numbers in the footer, each
// sub-goal on a new page), and an XLSX workbook with every figure. The council bundle puts every table's document
// of a year behind a summary, in one PDF (or HTML).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { Table } from '../../platform/ui/page.tsx';
import { t as translate, type Lang } from '../../platform/i18n/index.ts';
import { withChromium } from '../../platform/chromium.ts';
import { DocumentBody, deviationText, type DocView } from './document-view.tsx';
import type { DocumentFigures } from './figures.ts';
import type { DocumentStatus } from './document-service.ts';
import { ACCOUNTABILITY_CSS } from './styles.ts';
import { namedDestinationPages as pdfPages } from './pdf-destinations.ts';
import { localeOf, numberFormat } from '../../platform/i18n/intl.ts';

const require = createRequire(import.meta.url);
let baseCss: string | null = null;
/** The platform's stylesheet (design tokens, Utrecht components, the platform's layer) plus this module's. */
function css(): string {
  if (baseCss === null) {
    const utrecht = fs.readFileSync(require.resolve('@utrecht/component-library-css/dist/index.css'), 'utf8');
    const tokens = fs.readFileSync(require.resolve('@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css'), 'utf8');
    const own = fs.readFileSync(path.join(import.meta.dirname, '../../platform/ui/assets/app.css'), 'utf8');
    baseCss = `${tokens}\n${utrecht}\n${own}\n${ACCOUNTABILITY_CSS}\n${PRINT_CSS}`;
  }
  return baseCss;
}

const PRINT_CSS = `
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
body { margin: 0; }
.sb-print { padding: 0 0.5rem; max-width: none; }
.sb-print .sb-doc-subgoal, .sb-print .sb-bundle-doc { break-before: page; }
.sb-print table { break-inside: auto; }
.sb-print tr, .sb-print .sb-doc-chart, .sb-print blockquote { break-inside: avoid; }
.sb-print h2, .sb-print h3, .sb-print h4 { break-after: avoid; }
.sb-print .utrecht-table-container { overflow: visible; break-inside: avoid; }
.sb-print .utrecht-table { font-size: 9pt; width: 100%; }
.sb-print .utrecht-table__header-cell, .sb-print .utrecht-table__cell { padding: 4px 6px; }
.sb-print thead { display: table-header-group; }
.sb-print .utrecht-paragraph { font-size: 10pt; }
.sb-print .sb-chart { max-width: 100%; }
.sb-cover { margin-block-end: 2rem; }
.sb-print .sb-toc { margin-block-end: 2rem; }
.sb-print .sb-narrative { break-before: avoid; break-inside: avoid; }
.sb-print section[aria-labelledby$="verantwoording-regel"] { break-inside: avoid; }
.sb-toc__row { display: flex; align-items: flex-end; gap: 0.3em; }
.sb-toc__row > a { flex: 0 1 auto; }
.sb-toc__dots { flex: 1 0 1.5em; border-block-end: 1px dotted #555; margin-block-end: 0.4em; }
.sb-toc__page { flex: none; min-width: 3ch; text-align: end; font-variant-numeric: tabular-nums; }
.sb-toc__row:has(.sb-toc__page:empty) .sb-toc__dots { visibility: hidden; }
`;

export interface RenderInput {
  figures: DocumentFigures;
  narratives: Record<string, string>;
  status: DocumentStatus;
  version: number;
}

const viewFor = (lang: Lang): DocView => ({ lang, actor: null, t: (k, p) => translate(lang, k, p) });

const statusLine = (v: DocView, d: RenderInput) => `${v.t(`accountability.status.${d.status}`)}${d.version ? ` · ${v.t('accountability.version', { n: d.version })}` : ''}`;

/** A standalone HTML file: the stylesheet inlined, the content in the print layout. */
const standalone = (lang: Lang, title: string, content: Child) =>
  `<!doctype html>${(
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <title>{title}</title>
        <style>{raw(css())}</style>
      </head>
      <body class="utrecht-theme voorbeeld-theme utrecht-body">
        <main class="sb-print">{content}</main>
      </body>
    </html>
  ).toString()}`;

/** One document as a standalone HTML file. */
export function documentHtml(lang: Lang, d: RenderInput): string {
  const v = viewFor(lang);
  const title = v.t('accountability.doc.title', { theme: d.figures.theme.name, year: d.figures.year });
  return standalone(
    lang,
    title,
    <>
      <div class="sb-cover">
        <h1 class="utrecht-heading-1">{title}</h1>
        <p class="utrecht-paragraph">{statusLine(v, d)}</p>
      </div>
      <DocumentBody v={v} figs={d.figures} o={{ links: false, narratives: d.narratives }} />
    </>,
  );
}

/** The summary table's columns with numbers (aligned to the right). */
const NUMERIC = [2, 3, 5, 6, 7];

/** The council bundle: a contents list with pages, a summary of every table's key figures, then every document. */
export function bundleHtml(lang: Lang, year: number, docs: RenderInput[]): string {
  const v = viewFor(lang);
  const title = v.t('accountability.bundle.title', { year });
  const n = (x: number | string) => (typeof x === 'number' ? numberFormat(localeOf(lang), { maximumFractionDigits: 1 }).format(x) : x);
  return standalone(
    lang,
    title,
    <>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{v.t('accountability.bundle.intro', { year, n: docs.length })}</p>
      <nav class="sb-toc" aria-labelledby="bundel-inhoud">
        <h2 class="utrecht-heading-2" id="bundel-inhoud">
          {v.t('accountability.contents')}
        </h2>
        <ol class="utrecht-ordered-list">
          <li class="utrecht-ordered-list__item">
            <a class="utrecht-link" href="#bundel-samenvatting">
              {v.t('accountability.bundle.summary')}
            </a>
          </li>
          {docs.map((d, i) => (
            <li class="utrecht-ordered-list__item">
              <a class="utrecht-link" href={`#doc-${i + 1}`}>
                {v.t('accountability.doc.title', { theme: d.figures.theme.name, year })}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <h2 class="utrecht-heading-2" id="bundel-samenvatting">
        {v.t('accountability.bundle.summary')}
      </h2>
      <Table
        caption={v.t('accountability.bundle.summaryCaption', { year })}
        head={(['accountability.col.theme', 'accountability.col.status', 'accountability.col.plannedSessions', 'accountability.col.heldSessions', 'accountability.col.deviation', 'accountability.col.residents', 'accountability.col.plannedResidents', 'accountability.col.realised'] as const).map((k) => v.t(k))}
        numeric={NUMERIC}
        rowHeaders
        rows={docs.map((d, i) => [
          <a class="utrecht-link" href={`#doc-${i + 1}`}>
            {d.figures.theme.name}
          </a>,
          statusLine(v, d),
          n(d.figures.total.delivery.plannedSessions),
          n(d.figures.total.delivery.heldSessions),
          deviationText(v, d.figures.total.delivery.deviation),
          n(d.figures.total.residents),
          d.figures.total.plannedResidents === null ? '—' : n(d.figures.total.plannedResidents),
          d.figures.total.realisedPct === null ? '—' : `${n(d.figures.total.realisedPct)}%`,
        ])}
      />
      {docs.map((d, i) => (
        <section class="sb-bundle-doc" aria-labelledby={`doc-${i + 1}`}>
          <h1 class="utrecht-heading-1" id={`doc-${i + 1}`}>
            {v.t('accountability.doc.title', { theme: d.figures.theme.name, year })}
          </h1>
          <p class="utrecht-paragraph">{statusLine(v, d)}</p>
          <DocumentBody v={v} figs={d.figures} o={{ links: false, narratives: d.narratives, idPrefix: `d${i + 1}-` }} />
        </section>
      ))}
    </>,
  );
}

/**
 * Fills the page numbers into the tables of contents (`.sb-toc`): every entry gets a dotted leader and a slot of
 * fixed width for its page, so filling in the numbers does not move anything. `pages` maps an element id to its
 * page (null: only make the slots). A string, run in the page (no bundler helpers in it).
 */
const FILL_TOC = `(pages) => {
  const links = document.querySelectorAll('.sb-toc a[href^="#"]');
  for (const a of links) {
    const li = a.closest('li');
    if (!li) continue;
    let slot = li.querySelector('.sb-toc__page');
    if (!slot) {
      const row = document.createElement('span');
      row.className = 'sb-toc__row';
      a.replaceWith(row);
      const dots = document.createElement('span');
      dots.className = 'sb-toc__dots';
      slot = document.createElement('span');
      slot.className = 'sb-toc__page';
      row.append(a, dots, slot);
    }
    const page = pages ? pages[decodeURIComponent(a.getAttribute('href').slice(1))] : undefined;
    slot.textContent = page === undefined ? '' : String(page);
  }
  return links.length;
}`;

/**
 * Prints an HTML document as an A4 PDF with page numbers ("pagina 3 van 12") and the title in the footer. A table of
 * contents gets the page of every entry: the document is printed, the pages where its sections landed are read from
 * the PDF's named destinations (the targets of the contents' links), the numbers are filled in and it is printed
 * again; should a section have moved after all, once more (at most four prints; normally two).
 */
export async function htmlToPdf(html: string, footerTitle: string, lang: Lang): Promise<Buffer> {
  return withChromium(async (context) => {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const of = lang === 'nl' ? 'van' : 'of';
    const pageWord = lang === 'nl' ? 'Pagina' : 'Page';
    const esc = (s: string) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
    const options = {
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font: 8px sans-serif; width: 100%; padding: 0 16mm; display: flex; justify-content: space-between; color: #333"><span>${esc(footerTitle)}</span><span>${pageWord} <span class="pageNumber"></span> ${of} <span class="totalPages"></span></span></div>`,
      margin: { top: '18mm', bottom: '20mm', left: '16mm', right: '16mm' },
      outline: true,
      tagged: true,
    } as Parameters<typeof page.pdf>[0];
    const print = async (o = options) => Buffer.from(await page.pdf(o));
    const entries = (await page.evaluate(`(${FILL_TOC})(null)`)) as number;
    if (entries === 0) return print();
    // The first print only finds the pages, so it leaves out what does not move them and takes time: the footer (in
    // the margin), backgrounds, the tags and the outline. Each later print is the real one, checked against itself.
    let probe = await print({ ...options, displayHeaderFooter: false, printBackground: false, outline: false, tagged: false } as typeof options);
    let pdf: Buffer | null = null;
    let filled = '';
    for (let pass = 0; pass < 3; pass++) {
      const pages = JSON.stringify(Object.fromEntries(pdfPages(probe)));
      // the same pages as filled in: done; none found (a PDF this reader does not know): the contents without numbers
      if (pages === filled || pages === '{}') break;
      await page.evaluate(`(${FILL_TOC})(${pages})`);
      filled = pages;
      probe = pdf = await print();
    }
    return pdf ?? print();
  });
}

/** Every figure of one or more documents in a workbook: a sheet per level, one row per figure. */
export async function documentsXlsx(lang: Lang, docs: RenderInput[]): Promise<Buffer> {
  const v = viewFor(lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sociale Basis';
  const sheet = (name: string, head: string[]) => {
    const ws = wb.addWorksheet(name.replace(/[*?:\\/[\]]/g, '').slice(0, 31));
    ws.addRow(head).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    return ws;
  };
  const cell = (x: number | string | null) => (x === null ? '' : x);
  const T = (k: string) => v.t(k as Parameters<typeof v.t>[0]);
  const s0 = sheet(T('accountability.xlsx.summary'), [T('accountability.col.theme'), T('accountability.col.year'), T('accountability.col.status'), T('accountability.col.figure'), T('accountability.col.value')]);
  const s1 = sheet(T('accountability.xlsx.level1'), [T('accountability.col.theme'), T('accountability.col.subGoal'), T('accountability.col.activity'), T('accountability.col.organisation'), T('accountability.col.plannedSessions'), T('accountability.col.heldSessions'), T('accountability.col.cancelledSessions'), T('accountability.col.plannedHours'), T('accountability.col.heldHours'), T('accountability.col.deviation'), T('accountability.col.explanation')]);
  const s2 = sheet(T('accountability.xlsx.level2'), [T('accountability.col.theme'), T('accountability.col.breakdown'), T('accountability.col.category'), T('accountability.col.residents'), T('accountability.col.visits'), T('accountability.col.plannedResidents'), T('accountability.col.realised')]);
  const s3 = sheet(T('accountability.xlsx.level3'), [T('accountability.col.theme'), T('accountability.col.subGoal'), T('accountability.col.kind'), T('accountability.col.item'), T('accountability.col.answered'), T('accountability.col.mean'), T('accountability.col.agree'), T('accountability.col.ended'), T('accountability.col.reached'), T('accountability.col.partly'), T('accountability.col.not'), T('accountability.col.reachedPct')]);
  const s4 = sheet(T('accountability.xlsx.narratives'), [T('accountability.col.theme'), T('accountability.col.section'), T('accountability.narrative')]);
  for (const d of docs) {
    const f = d.figures;
    const th = f.theme.name;
    const tot = f.total;
    const status = v.t(`accountability.status.${d.status}`);
    for (const [k, val] of [
      ['accountability.col.plannedSessions', tot.delivery.plannedSessions],
      ['accountability.col.heldSessions', tot.delivery.heldSessions],
      ['accountability.col.plannedHours', tot.delivery.plannedHours],
      ['accountability.col.heldHours', tot.delivery.heldHours],
      ['accountability.col.residents', tot.residents],
      ['accountability.col.plannedResidents', tot.plannedResidents],
      ['accountability.col.realised', tot.realisedPct],
      ['accountability.col.visits', tot.visits],
      ['accountability.col.volunteers', tot.volunteers],
      ['accountability.col.volunteerHours', tot.volunteerHours],
    ] as [string, number | string | null][])
      s0.addRow([th, f.year, status, T(k), cell(val)]);
    for (const s of f.subGoals) {
      for (const r of s.level1.rows) s1.addRow([th, s.key, r.activityTitle, r.organisationName, r.plannedSessions, r.heldSessions, r.cancelledSessions, r.plannedHours, r.heldHours, deviationText(v, r.deviation), r.explanation]);
      s1.addRow([th, s.key, T('accountability.total'), '', s.level1.total.plannedSessions, s.level1.total.heldSessions, s.level1.total.cancelledSessions, s.level1.total.plannedHours, s.level1.total.heldHours, deviationText(v, s.level1.total.deviation), '']);
      s2.addRow([th, T('accountability.col.subGoal'), `${s.key} ${s.text}`, s.level2.residents, s.level2.visits, cell(s.level2.planned), cell(s.level2.realisedPct)]);
      for (const q of s.level3.questions) s3.addRow([th, s.key, T('accountability.xlsx.question'), `${q.question} (${q.surveyTitle})`, q.answered, cell(q.mean), cell(q.agreePct), '', '', '', '', '']);
      const o = s.level3.outflow;
      s3.addRow([th, s.key, T('accountability.level3.trajectories'), '', '', '', '', o.ended, o.reached, o.partly, o.not, cell(o.reachedPct)]);
      for (const st of s.level3.stories) s3.addRow([th, s.key, T('accountability.level3.story'), `${st.title} (${st.organisationName}, ${st.storyDate})`, '', '', '', '', '', '', '', '']);
    }
    for (const r of f.reachByTargetGroup) s2.addRow([th, T('accountability.reach.byTargetGroup'), r.label, r.residents, r.visits, cell(r.planned), cell(r.realisedPct)]);
    for (const r of f.reachByDistrict) s2.addRow([th, T('accountability.reach.byDistrict'), r.label, r.residents, r.visits, cell(r.planned), cell(r.realisedPct)]);
    for (const [k, text] of Object.entries(d.narratives)) s4.addRow([th, k, text]);
  }
  const note = wb.addWorksheet(T('accountability.rule.title').slice(0, 31));
  note.addRow([docs[0]?.figures.disclosureRule ?? '']);
  for (const ws of wb.worksheets) ws.columns.forEach((c) => (c.width = 22));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
