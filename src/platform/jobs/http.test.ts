// The jobs page (/beheer/taken) and API (/api/v1/jobs) over HTTP: administrators only, cancel as a form POST.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { z } from '../zod.ts';
import { dbKinds, ctxFor, adminActor, TENANT, type TestDatabase } from '../../../test/db.ts';
import { clientAs, openSeededApp, TestClient } from '../../../test/client.ts';
import type { App } from '../http/app.tsx';
import { defineJob, enqueueJob, JobRegistry, JobWorker, getJob, type JobDefinition } from './index.ts';

describe.each(dbKinds)('jobs over HTTP (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;
  let admin: TestClient;
  const def = defineJob({
    id: 'test.http-job',
    payload: z.object({ n: z.number() }),
    handler: async ({ payload, progress }) => {
      await progress(payload.n, payload.n, 'alles verwerkt');
      return { verwerkt: payload.n };
    },
  });
  const enqueue = (n: number) => enqueueJob(ctxFor(db, adminActor), def, { n });

  beforeAll(async () => {
    ({ db, app } = await openSeededApp(kind));
    admin = await clientAs(app, db, ['administrator']);
  });
  afterAll(async () => db?.drop());

  it('shows jobs with status, progress, attempts and result to administrators only', async () => {
    const job = await enqueue(7);
    await new JobWorker({ db: db.db, tenant: TENANT, registry: new JobRegistry([def as unknown as JobDefinition]) }).runOnce();
    const res = await admin.get('/beheer/taken');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('test.http-job');
    expect(html).toContain('Klaar');
    expect(html).toContain('7/7 — alles verwerkt');
    expect(html).toContain('1 van 5');
    expect(html).toContain('verwerkt: 7');
    const api = await admin.get(`/api/v1/jobs/${job.id}`);
    expect(await api.json()).toMatchObject({ id: job.id, status: 'succeeded', attempts: 1, progress: { done: 7, total: 7, message: 'alles verwerkt' }, result: { verwerkt: 7 } });
    const list = (await (await admin.get('/api/v1/jobs?status=succeeded')).json()) as { items: { id: string }[] };
    expect(list.items.map((j) => j.id)).toContain(job.id);

    const anon = new TestClient(app);
    expect((await anon.get('/beheer/taken')).status).toBe(303);
    expect((await anon.get('/api/v1/jobs')).status).toBe(401);
    const advisor = await clientAs(app, db, ['policy_advisor']);
    expect((await advisor.get('/beheer/taken')).status).toBe(403);
    expect((await advisor.get('/api/v1/jobs')).status).toBe(403);
  });

  it('cancels a waiting job with the form button, without JavaScript', async () => {
    const job = await enqueue(1);
    const page = await (await admin.get('/beheer/taken')).text();
    expect(page).toContain(`action="/beheer/taken/${job.id}/annuleren"`);
    const res = await admin.postForm(`/beheer/taken/${job.id}/annuleren`, {}, '/beheer/taken');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/beheer/taken?geannuleerd=1');
    expect((await getJob(ctxFor(db, adminActor), job.id)).status).toBe('cancelled');
    expect(await (await admin.get('/beheer/taken?geannuleerd=1')).text()).toContain('De taak is geannuleerd.');
    // Once finished it cannot be cancelled again: a clear message, not an error page.
    const again = await admin.postForm(`/beheer/taken/${job.id}/annuleren`, {}, '/beheer/taken');
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('al afgelopen');
  });

  it('cancels through the API and answers bad input with a problem', async () => {
    const job = await enqueue(2);
    const res = await admin.json(`/api/v1/jobs/${job.id}/cancel`, 'POST', {});
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: job.id, status: 'cancelled', cancelRequested: true });
    expect((await admin.json(`/api/v1/jobs/${job.id}/cancel`, 'POST', {})).status).toBe(409);
    expect((await admin.json('/api/v1/jobs/00000000-0000-4000-8000-000000000000/cancel', 'POST', {})).status).toBe(404);
    const bad = await admin.request('/api/v1/jobs?status=onbekend', { headers: { accept: 'application/json' } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });
});
