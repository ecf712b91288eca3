// Background jobs: define (`defineJob`), enqueue (`enqueueJob`), run (`JobWorker` with a `JobRegistry`).
// The platform's own jobs are `platformJobs`; modules hand theirs to the registry the same way.
import { retentionJob } from './retention.ts';
import type { JobDefinition } from './define.ts';

export { defineJob, JobRegistry, DAY, HOUR, type JobDefinition, type JobRun, type JobSchedule } from './define.ts';
export { enqueueJob, listJobs, getJob, cancelJob, listJobSchedules, type JobView, type EnqueueOptions } from './queue.ts';
export { JobWorker, type WorkerOptions } from './worker.ts';
export { retentionJob };

export const platformJobs: JobDefinition[] = [retentionJob as unknown as JobDefinition];
