// The decision letter of one decision on a grant (A4 PDF): the grant decision (verleningsbeschikking) with the
// amounts per year, conditions, reporting obligations and advances; or an adjustment or indexation decision with
// the change and the amounts after it. Each letter names its reference and how to object (bezwaar, Awb: six weeks).
import PDFDocument from 'pdfkit';
import { eq } from 'drizzle-orm';
import { notFound } from '../../platform/http/errors.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { t, type Lang, type MessageKey } from '../../platform/i18n/index.ts';
import { municipalities } from '../../platform/tenancy/schema.ts';
import { getGrant } from './grant-service.ts';
import { advanceSchedules, formatEuros, totalOf } from './money.ts';
import { formatDay, localeOf } from '../../platform/i18n/intl.ts';


export async function decisionLetter(ctx: ServiceContext, grantId: string, number: number, lang: Lang): Promise<{ pdf: Buffer; filename: string }> {
  const g = await getGrant(ctx, grantId);
  const d = g.decisionList.find((x) => x.number === number);
  if (!d) throw notFound();
  const [m] = await ctx.db.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.code, ctx.tenant));
  const h = (k: string, p?: Record<string, string | number>) => t(lang, k as MessageKey, p);
  // The standard PDF fonts are WinAnsi: the typographic minus is not in it.
  const eur = (c: number) => formatEuros(c, lang).replace('−', '-');
  const date = (iso: string) => formatDay(lang, iso);
  const title = h(`subsidies.letter.title.${d.kind}`);

  const doc = new PDFDocument({ size: 'A4', margin: 56, lang: localeOf(lang), displayTitle: true, info: { Title: `${title} ${d.reference}`, Author: m?.name ?? 'Sociale Basis' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 112;
  const para = (s: string) => doc.fillColor('#000').font('Helvetica').fontSize(11).text(s, { width, lineGap: 2 }).moveDown(0.6);
  const heading = (s: string) => doc.moveDown(0.4).fillColor('#1f5f8b').font('Helvetica-Bold').fontSize(13).text(s, { width }).moveDown(0.3);

  doc.fillColor('#1f5f8b').font('Helvetica-Bold').fontSize(16).text(h('subsidies.letter.municipality', { name: m?.name ?? '' }), { width });
  doc.moveDown(1.2);
  doc.fillColor('#000').font('Helvetica').fontSize(11);
  doc.text(g.organisationName, { width });
  doc.moveDown(1);
  doc.text(`${h('subsidies.letter.date')}: ${date(d.decidedOn)}`, { width });
  doc.text(`${h('subsidies.letter.reference')}: ${d.reference}`, { width });
  doc.text(`${h('subsidies.letter.subject')}: ${title} ${g.periodCode}${g.themeName ? ` – ${g.themeName}` : ''}`, { width });
  doc.moveDown(1);
  doc.font('Helvetica-Bold').fontSize(18).text(title, { width });
  doc.moveDown(0.6);

  if (d.kind === 'grant') {
    para(h(g.joint ? 'subsidies.letter.grantJoint' : 'subsidies.letter.grantSingle', { organisation: g.organisationName, period: g.periodCode, theme: g.themeName }));
  } else if (d.kind === 'adjustment') {
    para(h('subsidies.letter.adjustment', { year: d.year ?? '', change: eur(d.deltaCents) }));
    para(`${h('subsidies.letter.reason')}: ${d.reason}`);
  } else {
    para(h('subsidies.letter.indexation', { year: d.year ?? '', percentage: ((d.basisPoints ?? 0) / 100).toFixed(2).replace('.', lang === 'nl' ? ',' : '.'), change: eur(d.deltaCents) }));
    para(h('subsidies.letter.rounding'));
    if (d.reason) para(`${h('subsidies.letter.reason')}: ${d.reason}`);
  }

  heading(h('subsidies.letter.amounts'));
  const col = [56, 156, 286, 416];
  const row = (cells: string[], bold = false) => {
    const y = doc.y;
    doc.fillColor('#000').font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(11);
    cells.forEach((cell, i) => doc.text(cell, col[i], y, { width: 120, align: i === 0 ? 'left' : 'right' }));
    doc.x = 56;
    doc.moveDown(0.3);
  };
  row([h('subsidies.budget.year'), h('subsidies.budget.wage'), h('subsidies.budget.other'), h('subsidies.budget.total')], true);
  for (const y of d.years) row([String(y.year), eur(y.wageCents), eur(y.otherCents), eur(totalOf(y))]);
  row([h('subsidies.budget.total'), '', '', eur(d.totalCents)], true);
  doc.x = 56;
  doc.moveDown(0.6);

  if (d.kind === 'grant') {
    if (g.conditions) {
      heading(h('subsidies.grant.conditions'));
      para(g.conditions);
    }
    if (g.reporting) {
      heading(h('subsidies.grant.reporting'));
      para(g.reporting);
    }
    heading(h('subsidies.grant.advances'));
    para(h('subsidies.letter.advances', { n: advanceSchedules[g.advances], schedule: h(`subsidies.grant.advances.${g.advances}`) }));
  }
  heading(h('subsidies.letter.objectionTitle'));
  para(h('subsidies.letter.objection', { reference: d.reference }));
  doc.moveDown(1);
  para(h('subsidies.letter.signature', { name: d.decidedBy }));
  doc.end();
  return { pdf: await done, filename: `${d.reference.replace(/[^A-Za-z0-9-]/g, '_')}.pdf` };
}
