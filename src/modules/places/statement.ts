// Monthly statement per organisation: its approved bookings in a calendar month with hours, rate and amount,
// as data, CSV (Dutch spreadsheet style: semicolons, decimal comma) and PDF (real, selectable text).
import { dateFormat, numberFormat, localeOf } from '../../platform/i18n/intl.ts';
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import { bookings, rooms, locations } from './schema.ts';
import { invalid, forbidden } from '../../platform/http/errors.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { t, type Lang } from '../../platform/i18n/index.ts';
import { getOrganisation } from '../network/service.ts';
import { mayReadOrganisation, requireActor } from './policy.ts';
import { localParts, monthRange } from './time.ts';

export interface StatementLine {
  bookingId: string;
  /** Local date YYYY-MM-DD */
  date: string;
  startTime: string;
  endTime: string;
  locationName: string;
  roomName: string;
  hours: number;
  hourlyRateCents: number;
  amountCents: number;
  purpose: string;
}

export interface MonthlyStatement {
  organisation: { id: string; name: string; type: string };
  year: number;
  month: number;
  /** "2026-03" */
  period: string;
  lines: StatementLine[];
  totalHours: number;
  totalCents: number;
}

/**
 * What an organisation owes for its approved bookings that start in the given month (local time).
 * Requests still waiting, declined and cancelled bookings are not charged. The rate is the one at request time.
 */
export async function getMonthlyStatement(ctx: ServiceContext, organisationId: string, year: number, month: number): Promise<MonthlyStatement> {
  const actor = requireActor(ctx);
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12 || year < 2000 || year > 2100) throw invalid([{ field: 'yearMonth', message: 'places.error.yearMonth' }]);
  const org = await getOrganisation(ctx, organisationId);
  if (!mayReadOrganisation(actor, org.id)) throw forbidden();
  const { from, to } = monthRange(year, month);
  const rows = await ctx.db
    .select({ b: bookings, roomName: rooms.name, locationName: locations.name })
    .from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .innerJoin(locations, eq(locations.id, rooms.locationId))
    .where(and(eq(bookings.tenantId, ctx.tenant), eq(bookings.organisationId, org.id), eq(bookings.status, 'approved'), gte(bookings.startsAt, from), lt(bookings.startsAt, to)))
    .orderBy(asc(bookings.startsAt), asc(locations.name), asc(rooms.name));
  const lines = rows.map((r): StatementLine => {
    const s = localParts(r.b.startsAt);
    return {
      bookingId: r.b.id,
      date: s.date,
      startTime: s.time,
      endTime: localParts(r.b.endsAt).time,
      locationName: r.locationName,
      roomName: r.roomName,
      hours: Math.round(((r.b.endsAt.getTime() - r.b.startsAt.getTime()) / 3600_000) * 100) / 100,
      hourlyRateCents: r.b.hourlyRateCents,
      amountCents: r.b.priceCents,
      purpose: r.b.purpose,
    };
  });
  return {
    organisation: { id: org.id, name: org.name, type: org.type },
    year,
    month,
    period: `${year}-${String(month).padStart(2, '0')}`,
    lines,
    totalHours: Math.round(lines.reduce((n, l) => n + l.hours, 0) * 100) / 100,
    totalCents: lines.reduce((n, l) => n + l.amountCents, 0),
  };
}

export const formatAmount = (lang: Lang, cents: number) => numberFormat(localeOf(lang), { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }).format(cents / 100);
export const formatEuro = (lang: Lang, cents: number) => numberFormat(localeOf(lang), { style: 'currency', currency: 'EUR' }).format(cents / 100);
export const formatHours = (lang: Lang, hours: number) => numberFormat(localeOf(lang), { maximumFractionDigits: 2 }).format(hours);
export const formatDate = (lang: Lang, date: string) => dateFormat(localeOf(lang), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
export const monthName = (lang: Lang, year: number, month: number) => dateFormat(localeOf(lang), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 15)));

/** One CSV cell: quoted when needed; a leading = + - @ is neutralised so spreadsheets never run it as a formula. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The statement as CSV (UTF-8 with byte order mark, semicolons, decimal comma in Dutch). */
export function statementCsv(s: MonthlyStatement, lang: Lang): string {
  const h = (k: Parameters<typeof t>[1]) => t(lang, k);
  const head = [h('places.stmt.date'), h('places.stmt.start'), h('places.stmt.end'), h('places.stmt.location'), h('places.stmt.room'), h('places.stmt.hours'), h('places.stmt.rate'), h('places.stmt.amount'), h('places.stmt.purpose')];
  const rows = s.lines.map((l) => [l.date, l.startTime, l.endTime, l.locationName, l.roomName, formatHours(lang, l.hours), formatAmount(lang, l.hourlyRateCents), formatAmount(lang, l.amountCents), l.purpose]);
  const total = [h('places.stmt.total'), '', '', '', '', formatHours(lang, s.totalHours), '', formatAmount(lang, s.totalCents), ''];
  return '\uFEFF' + [head, ...rows, total].map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}

/** The statement as a PDF with selectable text: organisation, period, one line per booking, total. */
export async function statementPdf(s: MonthlyStatement, lang: Lang): Promise<Buffer> {
  const h = (k: Parameters<typeof t>[1], p?: Record<string, string | number>) => t(lang, k, p);
  const doc = new PDFDocument({ size: 'A4', margin: 50, lang: localeOf(lang), displayTitle: true, info: { Title: `${h('places.stmt.title')} ${s.organisation.name} ${s.period}`, Author: 'Sociale Basis' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(18).text(h('places.stmt.title'));
  doc.moveDown(0.5);
  doc.font('Helvetica').fontSize(11).text(`${h('places.stmt.organisation')}: ${s.organisation.name}`);
  doc.text(`${h('places.stmt.period')}: ${monthName(lang, s.year, s.month)}`);
  doc.moveDown();

  const cols = [
    { key: 'date', x: 50, w: 70 },
    { key: 'time', x: 120, w: 70 },
    { key: 'place', x: 190, w: 165 },
    { key: 'hours', x: 355, w: 45, right: true },
    { key: 'rate', x: 400, w: 70, right: true },
    { key: 'amount', x: 470, w: 75, right: true },
  ];
  const row = (values: string[], bold = false) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const y = doc.y;
    const height = Math.max(...values.map((v, i) => doc.heightOfString(v, { width: cols[i].w - 4 })));
    if (y + height > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      return row(values, bold);
    }
    values.forEach((v, i) => doc.text(v, cols[i].x, y, { width: cols[i].w - 4, align: cols[i].right ? 'right' : 'left' }));
    doc.x = 50;
    doc.y = y + height + 4;
  };
  row([h('places.stmt.date'), h('places.stmt.time'), `${h('places.stmt.location')} / ${h('places.stmt.room')}`, h('places.stmt.hours'), h('places.stmt.rate'), h('places.stmt.amount')], true);
  if (s.lines.length === 0) {
    doc.font('Helvetica').fontSize(10).text(h('places.stmt.none'), 50, doc.y);
  }
  for (const l of s.lines) {
    row([formatDate(lang, l.date), `${l.startTime}–${l.endTime}`, `${l.locationName} / ${l.roomName}`, formatHours(lang, l.hours), formatEuro(lang, l.hourlyRateCents), formatEuro(lang, l.amountCents)]);
  }
  doc.moveDown(0.5);
  row([h('places.stmt.total'), '', '', formatHours(lang, s.totalHours), '', formatEuro(lang, s.totalCents)], true);
  doc.moveDown();
  doc.font('Helvetica').fontSize(8).text(h('places.stmt.footnote'), 50, doc.y, { width: 495 });
  doc.end();
  return done;
}

/** Parses "2026-03" into a year and month for a statement; a clear field message otherwise. */
export function parseStatementPeriod(s: string): { year: number; month: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  if (!m || month < 1 || month > 12 || year < 2000 || year > 2100) throw invalid([{ field: 'yearMonth', message: 'places.error.yearMonth' }]);
  return { year, month };
}
