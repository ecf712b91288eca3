// The job queue: jobs waiting, running and done, and recurring schedules (data, one row per schedule).
import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, integer, jsonb, boolean, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, tenantId, createdAt, updatedAt, tenantPrimaryKey } from '../db/columns.ts';
import { municipalities } from '../tenancy/schema.ts';

export const jobStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof jobStatuses)[number];

export const jobs = pgTable(
  'jobs',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    /** The job definition's id, e.g. `platform.retention`. */
    type: text('type').notNull(),
    payload: jsonb('payload').notNull().$type<unknown>(),
    status: text('status').$type<JobStatus>().notNull().default('queued'),
    /** Enqueueing again with the same key while one is queued or running returns that one. */
    dedupeKey: text('dedupe_key'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    /** Not before this time (first run, or the next try after a failure). */
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    /** The worker holding the job and until when; a lease that runs out (the worker died) lets another take it. */
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    progressDone: integer('progress_done').notNull().default(0),
    progressTotal: integer('progress_total'),
    progressMessage: text('progress_message'),
    result: jsonb('result').$type<unknown>(),
    lastError: text('last_error'),
    cancelRequestedAt: timestamp('cancel_requested_at', { withTimezone: true }),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    index('jobs_claim_idx').on(t.tenantId, t.status, t.runAt),
    index('jobs_list_idx').on(t.tenantId, t.createdAt),
    uniqueIndex('jobs_dedupe_uq')
      .on(t.tenantId, t.type, t.dedupeKey)
      .where(sql`dedupe_key is not null and status in ('queued', 'running')`),
  ],
);

/** A recurring job: enqueued every `every_seconds`, the next time at `next_run_at`. */
export const jobSchedules = pgTable(
  'job_schedules',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    name: text('name').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull().$type<unknown>(),
    everySeconds: integer('every_seconds').notNull(),
    nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull(),
    lastJobId: text('last_job_id'),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [tenantPrimaryKey(t), uniqueIndex('job_schedules_name_uq').on(t.tenantId, t.name)],
);
