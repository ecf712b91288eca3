// The yearly accountability document of a theme table: its state, the narratives per section, and the workflow
// draft → submitted (by the table) → accepted | returned (by the municipality, with a comment). A submission keeps
// a snapshot of the figures and narratives as submitted; every event is kept (history). A returned document can
// be edited and submitted again (a new version).
import { and, asc, eq } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { inTransaction, sideBySide, type ServiceContext } from '../../platform/context.ts';
import { AppError, notFound, parseChecked, type FieldError } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { accountabilityDocuments, accountabilityEvents, accountabilityNarratives } from './schema.ts';
import { documentFigures, readsDocuments, themeOfYear, type DocumentFigures, type Progress } from './figures.ts';
import { decidesDocument, writesForTable } from './policy.ts';
import { planOrganisations, periodOfYear } from '../reach/service.ts';
import { listPeriods, listThemes } from '../framework/service.ts';
import { platformOf } from './figures.ts';

export type DocumentStatus = 'draft' | 'submitted' | 'accepted' | 'returned';
export const LEVELS = [1, 2, 3, 4] as const;
export const MAX_NARRATIVE = 10_000;

export interface DocumentEvent {
  id: string;
  version: number;
  kind: 'submitted' | 'accepted' | 'returned';
  comment: string;
  actorName: string;
  createdAt: Date;
}

export interface DocumentState {
  slug: string;
  year: number;
  status: DocumentStatus;
  version: number;
  narratives: Record<string, { text: string; by: string; at: Date }>;
  events: DocumentEvent[];
  members: string[];
  may: { write: boolean; submit: boolean; decide: boolean };
}

export interface DocumentView extends DocumentState {
  figures: DocumentFigures;
}

/** The section keys of a theme's document: `intro`, and per sub-goal and level `<sub-goal>#<level>`. */
export const sectionKeys = (subGoalKeys: string[]): string[] => ['intro', ...subGoalKeys.flatMap((k) => LEVELS.map((l) => `${k}#${l}`))];

async function documentRow(ctx: ServiceContext, slug: string, year: number) {
  const [row] = await ctx.db
    .select()
    .from(accountabilityDocuments)
    .where(and(eq(accountabilityDocuments.tenantId, ctx.tenant), eq(accountabilityDocuments.themeSlug, slug), eq(accountabilityDocuments.year, year)));
  return row ?? null;
}

/** The organisations of the table: those with entries in the theme's plan of the year. */
export async function tableMembers(ctx: ServiceContext, slug: string, year: number): Promise<string[]> {
  return planOrganisations(platformOf(ctx), slug, year);
}

/** The document's workflow state and narratives (without the figures). */
export async function documentState(ctx: ServiceContext, slug: string, year: number): Promise<DocumentState> {
  if (!readsDocuments(ctx)) throw notFound();
  await themeOfYear(ctx, slug, year);
  const row = await documentRow(ctx, slug, year);
  const narratives: DocumentState['narratives'] = {};
  let events: DocumentEvent[] = [];
  if (row) {
    const ns = await ctx.db.select().from(accountabilityNarratives).where(and(eq(accountabilityNarratives.tenantId, ctx.tenant), eq(accountabilityNarratives.documentId, row.id)));
    for (const n of ns) narratives[n.section] = { text: n.text, by: n.updatedByName, at: n.updatedAt };
    events = (
      await ctx.db
        .select()
        .from(accountabilityEvents)
        .where(and(eq(accountabilityEvents.tenantId, ctx.tenant), eq(accountabilityEvents.documentId, row.id)))
        .orderBy(asc(accountabilityEvents.createdAt), asc(accountabilityEvents.version))
    ).map((e) => ({ id: e.id, version: e.version, kind: e.kind as DocumentEvent['kind'], comment: e.comment, actorName: e.actorName, createdAt: e.createdAt }));
  }
  const status = (row?.status ?? 'draft') as DocumentStatus;
  const members = await tableMembers(ctx, slug, year);
  const writer = writesForTable(ctx.actor, members);
  const open = status === 'draft' || status === 'returned';
  return {
    slug,
    year,
    status,
    version: row?.version ?? 0,
    narratives,
    events,
    members,
    may: { write: writer && open, submit: writer && open, decide: decidesDocument(ctx.actor) && status === 'submitted' },
  };
}

/** The document as the web page, the outputs and the API show it: figures, narratives, state. */
export async function getDocument(ctx: ServiceContext, slug: string, year: number, progress?: Progress): Promise<DocumentView> {
  const [state, figures] = await sideBySide(ctx, [() => documentState(ctx, slug, year), () => documentFigures(ctx, slug, year, { progress })] as const);
  return { ...state, figures };
}

const narrativesInput = z.object({ sections: z.record(z.string().max(100), z.string().max(MAX_NARRATIVE * 2)) });

async function ensureRow(tx: ServiceContext, slug: string, year: number) {
  const existing = await documentRow(tx, slug, year);
  if (existing) return existing;
  const [row] = await tx.db.insert(accountabilityDocuments).values({ tenantId: tx.tenant, themeSlug: slug, year }).onConflictDoNothing().returning();
  return row ?? (await documentRow(tx, slug, year))!;
}

const notOpen = () => new AppError('conflict', 'accountability.error.notOpen');

/**
 * Saves the narratives of a document (`{ section: text }`; an empty text removes that section's narrative). Only
 * the table's organisations, and only while the document is a draft or returned.
 */
export async function saveNarratives(ctx: ServiceContext, slug: string, year: number, raw: unknown): Promise<DocumentState> {
  const state = await documentState(ctx, slug, year);
  if (!writesForTable(ctx.actor, state.members)) throw notFound();
  if (!state.may.write) throw notOpen();
  const { theme } = await themeOfYear(ctx, slug, year);
  const allowed = new Set(sectionKeys(theme.subGoalGroups.flatMap((g) => g.subGoals.map((s) => s.key))));
  const { sections: input } = await parseChecked(narrativesInput, { sections: raw }, (p) => {
    const errors: FieldError[] = [];
    for (const [k, v] of Object.entries(p.sections ?? {})) {
      if (!allowed.has(k)) errors.push({ field: k, code: 'unknown_reference', message: 'accountability.error.unknownSection' });
      else if (v.trim().length > MAX_NARRATIVE) errors.push({ field: k, code: 'too_long', message: 'accountability.error.tooLong', params: { max: MAX_NARRATIVE } });
    }
    return errors;
  });
  await inTransaction(ctx, async (tx) => {
    const row = await ensureRow(tx, slug, year);
    let changed = 0;
    for (const [section, value] of Object.entries(input)) {
      const text = value.trim();
      const where = and(eq(accountabilityNarratives.tenantId, tx.tenant), eq(accountabilityNarratives.documentId, row.id), eq(accountabilityNarratives.section, section));
      const current = state.narratives[section]?.text ?? '';
      if (current === text) continue;
      changed++;
      if (text === '') await tx.db.delete(accountabilityNarratives).where(where);
      else
        await tx.db
          .insert(accountabilityNarratives)
          .values({ tenantId: tx.tenant, documentId: row.id, section, text, updatedBy: tx.actor?.userId || null, updatedByName: tx.actor?.name ?? 'systeem', updatedAt: tx.now() })
          .onConflictDoUpdate({
            target: [accountabilityNarratives.tenantId, accountabilityNarratives.documentId, accountabilityNarratives.section],
            set: { text, updatedBy: tx.actor?.userId || null, updatedByName: tx.actor?.name ?? 'systeem', updatedAt: tx.now() },
          });
    }
    if (changed > 0) {
      await tx.db.update(accountabilityDocuments).set({ updatedAt: tx.now() }).where(and(eq(accountabilityDocuments.tenantId, tx.tenant), eq(accountabilityDocuments.id, row.id)));
      await recordAudit(tx, { action: 'accountability.narrative_save', subjectType: 'accountability_document', subjectId: row.id, details: { theme: slug, year, sections: changed } });
    }
  });
  return documentState(ctx, slug, year);
}

/** What a submission keeps: the figures and the narratives as they were submitted. */
export interface DocumentSnapshot {
  figures: DocumentFigures;
  narratives: Record<string, string>;
}

/** The table submits its document: a new version with a snapshot; the municipality then accepts or returns it. */
export async function submitDocument(ctx: ServiceContext, slug: string, year: number): Promise<DocumentState> {
  const state = await documentState(ctx, slug, year);
  if (!writesForTable(ctx.actor, state.members)) throw notFound();
  if (!state.may.submit) throw notOpen();
  const figures = await documentFigures(ctx, slug, year);
  const snapshot: DocumentSnapshot = { figures, narratives: Object.fromEntries(Object.entries(state.narratives).map(([k, v]) => [k, v.text])) };
  await inTransaction(ctx, async (tx) => {
    const row = await ensureRow(tx, slug, year);
    // Optimistic: only from the state read above (a concurrent submission or decision gets a conflict).
    const [updated] = await tx.db
      .update(accountabilityDocuments)
      .set({ status: 'submitted', version: row.version + 1, updatedAt: tx.now() })
      .where(and(eq(accountabilityDocuments.tenantId, tx.tenant), eq(accountabilityDocuments.id, row.id), eq(accountabilityDocuments.version, state.version), eq(accountabilityDocuments.status, row.status)))
      .returning();
    if (!updated || !['draft', 'returned'].includes(row.status)) throw notOpen();
    await tx.db.insert(accountabilityEvents).values({ tenantId: tx.tenant, documentId: row.id, version: updated.version, kind: 'submitted', actorUserId: tx.actor?.userId || null, actorName: tx.actor?.name ?? 'systeem', snapshot, createdAt: tx.now() });
    await recordAudit(tx, { action: 'accountability.submit', subjectType: 'accountability_document', subjectId: row.id, details: { theme: slug, year, version: updated.version } });
  });
  return documentState(ctx, slug, year);
}

export const decisionInput = z.object({ decision: z.enum(['accept', 'return']), comment: z.string().trim().max(4000).default('') });

/** The municipality accepts or returns a submitted document (a return needs a comment: what to change). */
export async function decideDocument(ctx: ServiceContext, slug: string, year: number, raw: unknown): Promise<DocumentState> {
  const state = await documentState(ctx, slug, year);
  if (!decidesDocument(ctx.actor)) throw notFound();
  const input = await parseChecked(decisionInput, raw, (p) => (p.decision === 'return' && !p.comment ? [{ field: 'comment', code: 'required', message: 'accountability.error.commentRequired' }] : []));
  if (state.status !== 'submitted') throw notOpen();
  await inTransaction(ctx, async (tx) => {
    const row = (await documentRow(tx, slug, year))!;
    const status = input.decision === 'accept' ? 'accepted' : 'returned';
    const [updated] = await tx.db
      .update(accountabilityDocuments)
      .set({ status, updatedAt: tx.now() })
      .where(and(eq(accountabilityDocuments.tenantId, tx.tenant), eq(accountabilityDocuments.id, row.id), eq(accountabilityDocuments.status, 'submitted'), eq(accountabilityDocuments.version, state.version)))
      .returning();
    if (!updated) throw notOpen();
    await tx.db.insert(accountabilityEvents).values({ tenantId: tx.tenant, documentId: row.id, version: row.version, kind: status, comment: input.comment, actorUserId: tx.actor?.userId || null, actorName: tx.actor?.name ?? 'systeem', createdAt: tx.now() });
    await recordAudit(tx, { action: 'accountability.decide', subjectType: 'accountability_document', subjectId: row.id, details: { theme: slug, year, version: row.version, decision: status } });
  });
  return documentState(ctx, slug, year);
}

/** One submitted version as it was submitted (its snapshot), with the decision on it if any. */
export async function getVersion(ctx: ServiceContext, slug: string, year: number, version: number): Promise<{ snapshot: DocumentSnapshot; submitted: DocumentEvent; decision: DocumentEvent | null }> {
  if (!readsDocuments(ctx)) throw notFound();
  const row = await documentRow(ctx, slug, year);
  if (!row) throw notFound();
  const events = await ctx.db
    .select()
    .from(accountabilityEvents)
    .where(and(eq(accountabilityEvents.tenantId, ctx.tenant), eq(accountabilityEvents.documentId, row.id), eq(accountabilityEvents.version, version)))
    .orderBy(asc(accountabilityEvents.createdAt));
  const sub = events.find((e) => e.kind === 'submitted');
  if (!sub?.snapshot) throw notFound();
  const view = (e: typeof sub): DocumentEvent => ({ id: e.id, version: e.version, kind: e.kind as DocumentEvent['kind'], comment: e.comment, actorName: e.actorName, createdAt: e.createdAt });
  const dec = events.find((e) => e.kind !== 'submitted');
  return { snapshot: sub.snapshot as DocumentSnapshot, submitted: view(sub), decision: dec ? view(dec) : null };
}

/** The documents of a year: per theme of the year's call period its status (the list page, the auditor's home). */
export async function listDocuments(ctx: ServiceContext, year: number): Promise<{ slug: string; name: string; status: DocumentStatus; version: number }[]> {
  if (!readsDocuments(ctx)) throw notFound();
  const period = periodOfYear(await listPeriods(ctx), year, ctx.now().getUTCFullYear());
  if (!period) return [];
  const themes = await listThemes(ctx, period.code);
  const rows = await ctx.db.select().from(accountabilityDocuments).where(and(eq(accountabilityDocuments.tenantId, ctx.tenant), eq(accountabilityDocuments.year, year)));
  return themes.map((t) => {
    const r = rows.find((x) => x.themeSlug === t.slug);
    return { slug: t.slug, name: t.name, status: (r?.status ?? 'draft') as DocumentStatus, version: r?.version ?? 0 };
  });
}

