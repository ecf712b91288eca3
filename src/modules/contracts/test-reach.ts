// Test data for the contracts tests: residents reached by an organisation, through the reach module's own test
// factory (an activity, one session with identified visitors as keyed pseudonyms).
import type { Database } from '../../platform/db/client.ts';
import { adminActor, ctxFor } from '../../../test/db.ts';
import { buildActivity, insertSession, residents } from '../reach/test-factory.ts';

export async function seedReachWorld(db: Database, list: { organisationId: string; residents: number; date: string }[]): Promise<void> {
  const ctx = ctxFor(db, adminActor);
  for (const [i, r] of list.entries()) {
    const activity = await buildActivity(ctx, r.organisationId, { title: `Activiteit ${i}` });
    await insertSession(ctx, { activityId: activity.id, organisationId: r.organisationId, date: r.date, visitors: residents(`org${i}`, r.residents).map((id) => ({ id })) });
  }
}
