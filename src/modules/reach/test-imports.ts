// Helpers for the import tests: an organisation with a published weekly activity, staff of it, files to import.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { queryRows } from '../../platform/db/client.ts';
import { createActivity, publishActivity } from '../catalogue/service.ts';
import { activityInputFor, buildOrganisation, partnerActor } from '../catalogue/test-factory.ts';

export const as = (ctx: ServiceContext, actor: Actor | null): ServiceContext => ({ ...ctx, actor, system: undefined });

/** An organisation, its staff, and a published weekly activity of it (10:00–11:30, so 1.5 hours a session). */
export async function importSetup(ctx: ServiceContext) {
  const org = await buildOrganisation(ctx, 'core-partner');
  const other = await buildOrganisation(ctx, 'subcontractor');
  const staff = partnerActor(org.id, 'Importeur');
  const otherStaff = partnerActor(other.id, 'Ander');
  const activity = await createActivity(as(ctx, staff), activityInputFor({ title: 'Inloop voor import' }));
  await publishActivity(as(ctx, staff), activity.id);
  const otherActivity = await createActivity(as(ctx, otherStaff), activityInputFor({ title: 'Andermans activiteit' }));
  await publishActivity(as(ctx, otherStaff), otherActivity.id);
  return { org, other, staff, otherStaff, activity, otherActivity, staffCtx: as(ctx, staff) };
}

export const HEADER = 'activiteit;datum;pasnummer;naam;geboortedatum;geboortejaar;wijk;doelgroepen';

/** A CSV (semicolons, UTF-8) from rows of template columns. */
export function csv(rows: string[][], header = HEADER, sep = ';'): Buffer {
  return Buffer.from([header.split(';').join(sep), ...rows.map((r) => r.join(sep))].join('\r\n') + '\r\n', 'utf8');
}

/** An XLSX with a header row and the given rows (cells as given: strings, numbers, Dates, formulas). */
export async function xlsx(header: string[], rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Bezoek');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Figures of an activity as stored: identified visits, distinct pseudonyms, sessions and their anonymous visits. */
export async function figures(ctx: ServiceContext, activityId: string) {
  const [a] = await queryRows<{ visits: number; unique: number }>(ctx.db, sql`select count(*)::int as visits, count(distinct pseudonym)::int as unique from reach_attendance where tenant_id = ${ctx.tenant} and activity_id = ${activityId}`);
  const [s] = await queryRows<{ sessions: number; anonymous: number }>(ctx.db, sql`select count(*)::int as sessions, coalesce(sum(imported_anonymous), 0)::int as anonymous from reach_sessions where tenant_id = ${ctx.tenant} and activity_id = ${activityId}`);
  return { visits: Number(a.visits), unique: Number(a.unique), sessions: Number(s.sessions), anonymous: Number(s.anonymous) };
}
