// Journey of an administrator on the background jobs page: the retention job ran at start, a waiting job is
// cancelled with its button; accessible, with and without JavaScript.
import { describe, it, expect } from 'vitest';
import { useHarness, visit, login, demoEmail, expectAccessible } from './harness.ts';
import { systemContext } from '../src/platform/context.ts';
import { enqueueJob, getJob, retentionJob } from '../src/platform/jobs/index.ts';
import { adminActor } from '../test/db.ts';

const h = useHarness();

describe.each([true, false])('jobs page (JavaScript %s)', (javaScriptEnabled) => {
  it('shows the jobs and cancels a waiting one', async () => {
    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await login(page, demoEmail('administrator'));
    const later = new Date(Date.now() + 24 * 3600 * 1000);
    const job = await enqueueJob(systemContext(h.database.db, 'GM0392'), retentionJob, {}, { runAt: later });
    await visit(page, '/beheer');
    await page.getByRole('link', { name: 'Achtergrondtaken' }).click();
    await page.waitForLoadState('load');
    expect(page.url()).toContain('/beheer/taken');
    await expectAccessible(page);
    const html = await page.content();
    expect(html).toContain('Opschonen: mislukte inlogpogingen');
    expect(html).toContain('retention-daily');
    await page.locator(`form[action="/beheer/taken/${job.id}/annuleren"] button`).click();
    await page.waitForLoadState('load');
    expect(page.url()).toContain('/beheer/taken?geannuleerd=1');
    expect(await page.getByRole('status').or(page.locator('.utrecht-alert')).first().textContent()).toContain('De taak is geannuleerd');
    await expectAccessible(page);
    expect((await getJob({ ...systemContext(h.database.db, 'GM0392'), actor: adminActor }, job.id)).status).toBe('cancelled');
    await ctx.close();
  });
});
