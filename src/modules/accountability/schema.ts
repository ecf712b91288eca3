// Tables of the accountability module: the yearly accountability document per theme table (its workflow state),
// the narratives the table's organisations write per section, every event of the workflow (a submission keeps a
// snapshot of the figures and narratives as they were), and the rendered downloads (PDF, XLSX, HTML) made by the job.
import { pgTable, text, integer, uuid, jsonb, timestamp, index, uniqueIndex, primaryKey, customType } from 'drizzle-orm/pg-core';
import { id, tenantId, createdAt, updatedAt, tenantPrimaryKey, tenantReference } from '../../platform/db/columns.ts';
import { municipalities } from '../../platform/tenancy/schema.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * One document per theme table and year. `status`: draft → submitted (by the table) → accepted | returned (by the
 * municipality); a returned document is edited and submitted again. `version`: the number of submissions.
 */
export const accountabilityDocuments = pgTable(
  'accountability_documents',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    themeSlug: text('theme_slug').notNull(),
    year: integer('year').notNull(),
    status: text('status').notNull().default('draft'),
    version: integer('version').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [tenantPrimaryKey(t), uniqueIndex('accountability_documents_theme_year_uq').on(t.tenantId, t.themeSlug, t.year)],
);

/** The narrative of one section (`intro`, or `<sub-goal key>#<level 1–4>`), written by the table's organisations. */
export const accountabilityNarratives = pgTable(
  'accountability_narratives',
  {
    tenantId: tenantId().references(() => municipalities.code),
    documentId: uuid('document_id').notNull(),
    section: text('section').notNull(),
    text: text('text').notNull(),
    updatedBy: uuid('updated_by'),
    updatedByName: text('updated_by_name').notNull().default(''),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.documentId, t.section] }), tenantReference('accountability_narratives_document_fk', t, t.documentId, accountabilityDocuments).onDelete('cascade')],
);

/**
 * Every step of the workflow: `submitted` (with the snapshot: the figures and narratives as submitted), `accepted`
 * and `returned` (with the municipality's comment). Never changed afterwards.
 */
export const accountabilityEvents = pgTable(
  'accountability_events',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    documentId: uuid('document_id').notNull(),
    version: integer('version').notNull(),
    kind: text('kind').notNull(),
    comment: text('comment').notNull().default(''),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name').notNull(),
    snapshot: jsonb('snapshot'),
    createdAt: createdAt(),
  },
  (t) => [tenantPrimaryKey(t), index('accountability_events_document_idx').on(t.tenantId, t.documentId, t.createdAt), tenantReference('accountability_events_document_fk', t, t.documentId, accountabilityDocuments).onDelete('cascade')],
);

/**
 * A download made by the background job (`accountability.render`): the document of a theme table (`themeSlug`) or
 * the council bundle of a year (`themeSlug` null), as pdf | xlsx | html. `status`: queued | running | done | failed.
 */
export const accountabilityExports = pgTable(
  'accountability_exports',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    themeSlug: text('theme_slug'),
    year: integer('year').notNull(),
    format: text('format').notNull(),
    lang: text('lang').notNull().default('nl'),
    status: text('status').notNull().default('queued'),
    requestedBy: uuid('requested_by'),
    fileName: text('file_name'),
    contentType: text('content_type'),
    content: bytea('content'),
    message: text('message'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [tenantPrimaryKey(t), index('accountability_exports_requested_idx').on(t.tenantId, t.requestedBy, t.createdAt)],
);
