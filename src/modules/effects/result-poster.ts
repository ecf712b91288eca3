// The printable poster of a survey (A4 PDF): title, short intro, a QR code of the public link (drawn as vector
// squares, sharp at any size) and the link in text, so people without a camera can type it.
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { notFound } from '../../platform/http/errors.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { t, type Lang } from '../../platform/i18n/index.ts';
import { surveyRow, loadFull } from './survey-service.ts';
import { managesSurvey } from './policy.ts';
import { localeOf } from '../../platform/i18n/intl.ts';

const INTRO_MAX = 400;

/** The poster of a survey the actor builds (not for drafts: the link would not work yet). */
export async function surveyPoster(ctx: ServiceContext, surveyId: string, publicUrl: string, lang: Lang): Promise<Buffer> {
  const row = await surveyRow(ctx, surveyId);
  if (!row || !managesSurvey(ctx.actor, row.ownerOrganisationId)) throw notFound();
  const s = await loadFull(ctx, row);
  const title = lang === 'en' && s.titleEn ? s.titleEn : s.titleNl;
  let intro = (lang === 'en' && s.introEn ? s.introEn : s.introNl).trim();
  if (intro.length > INTRO_MAX) intro = `${intro.slice(0, INTRO_MAX - 1).replace(/\s+\S*$/, '')}…`;
  const h = (k: string) => t(lang, k as never);

  const doc = new PDFDocument({ size: 'A4', margin: 56, lang: localeOf(lang), displayTitle: true, info: { Title: `${h('effects.poster.pdfTitle')}: ${title}`, Author: 'Sociale Basis' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 112;
  doc.fillColor('#1f5f8b').font('Helvetica-Bold').fontSize(14).text(h('effects.poster.kicker'), { width });
  doc.moveDown(0.4);
  doc.fillColor('#000').font('Helvetica-Bold').fontSize(30).text(title, { width });
  doc.moveDown(0.6);
  if (intro) doc.font('Helvetica').fontSize(14).text(intro, { width, lineGap: 3 });
  doc.moveDown(1);

  const qr = QRCode.create(publicUrl, { errorCorrectionLevel: 'M' });
  const size = 320;
  const cell = size / (qr.modules.size + 8);
  const x0 = (doc.page.width - size) / 2;
  const y0 = Math.min(doc.y, doc.page.height - 56 - size - 120);
  doc.rect(x0, y0, size, size).fill('#fff');
  for (let r = 0; r < qr.modules.size; r++)
    for (let c = 0; c < qr.modules.size; c++) if (qr.modules.get(r, c)) doc.rect(x0 + (c + 4) * cell, y0 + (r + 4) * cell, cell + 0.2, cell + 0.2).fill('#000');
  doc.y = y0 + size + 16;
  doc.fillColor('#000').font('Helvetica-Bold').fontSize(16).text(h('effects.poster.scan'), 56, doc.y, { width, align: 'center' });
  doc.moveDown(0.4);
  doc.font('Helvetica').fontSize(12).text(h('effects.poster.type'), { width, align: 'center' });
  doc.font('Helvetica-Bold').fontSize(13).fillColor('#1f5f8b').text(publicUrl, { width, align: 'center', link: publicUrl, underline: true });
  doc.moveDown(0.8);
  doc.fillColor('#333').font('Helvetica').fontSize(11).text(h('effects.poster.anonymous'), { width, align: 'center' });
  doc.end();
  return done;
}
