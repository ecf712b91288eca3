// Complaints and objections on both databases: deadlines with an injected clock (overdue exactly after six weeks,
// an extension moves it), the median handling time and the share handled in time, access and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dbKinds, seedFramework, type TestDatabase } from '../../../test/db.ts';
import { appErrorOf } from '../../../test/errors.ts';
import { registerComplaint, progressComplaint, extendComplaint, getComplaint, listComplaints } from './complaint-service.ts';
import { complaintReport } from './complaint-report.ts';
import { findAuditEvents } from '../../platform/audit/service.ts';
import { ctxAs, makeOrg, person } from './test-helpers.ts';
import { adminActor } from '../../../test/db.ts';
import { createActivity, publishActivity } from '../catalogue/service.ts';
import { activityInputFor } from '../catalogue/test-factory.ts';

const day = (d: string) => new Date(`${d}T12:00:00Z`);

describe.each(dbKinds)('complaints and objections (%s)', (kind) => {
  let db: TestDatabase;
  let org: { id: string };
  const advisor = person(['policy_advisor'], null, 'Bram');
  const staff = person(['partner_staff'], null, 'Anna');
  const otherStaff = person(['partner_staff'], null, 'Otto');
  const contract = person(['contract_manager'], null, 'Carla');
  const auditor = person(['auditor'], null, 'Rik');

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedFramework(db);
    org = await makeOrg(db, 'Klacht Test');
    staff.organisationId = org.id;
    otherStaff.organisationId = (await makeOrg(db, 'Andere Test')).id;
  });
  afterAll(async () => db?.drop());

  it('flags an objection overdue exactly after six weeks; an extension with a reason moves the deadline', async () => {
    const c = await registerComplaint(ctxAs(db, advisor, day('2026-01-05')), { typeKey: 'bezwaar', receivedDate: '2026-01-01', subject: 'Bezwaar tegen subsidiebesluit', decisionReference: 'SUB-2025-114' });
    expect(c.deadline).toBe('2026-02-12');
    expect((await getComplaint(ctxAs(db, advisor, day('2026-02-12')), c.id)).overdue).toBe(false);
    expect((await getComplaint(ctxAs(db, advisor, day('2026-02-13')), c.id)).overdue).toBe(true);
    expect((await listComplaints(ctxAs(db, advisor, day('2026-02-13')), { overdue: 'true' })).map((x) => x.id)).toEqual([c.id]);
    const noReason = await appErrorOf(extendComplaint(ctxAs(db, advisor, day('2026-02-10')), c.id, { reason: '' }));
    expect(noReason.fields[0]).toMatchObject({ field: 'reason' });
    const tooLong = await appErrorOf(extendComplaint(ctxAs(db, advisor, day('2026-02-10')), c.id, { reason: 'advies commissie', days: 60 }));
    expect(tooLong.fields[0]).toMatchObject({ field: 'days' });
    const ext = await extendComplaint(ctxAs(db, advisor, day('2026-02-10')), c.id, { reason: 'Advies van de bezwaarcommissie' });
    expect(ext.deadline).toBe('2026-03-26');
    expect((await getComplaint(ctxAs(db, advisor, day('2026-02-13')), c.id)).overdue).toBe(false);
    expect((await getComplaint(ctxAs(db, advisor, day('2026-03-27')), c.id)).overdue).toBe(true);
    expect((await appErrorOf(extendComplaint(ctxAs(db, advisor, day('2026-02-11')), c.id, { reason: 'nog eens' }))).messageKey).toBe('effects.complaint.error.alreadyExtended');
    const done = await progressComplaint(ctxAs(db, advisor, day('2026-03-30')), c.id, { status: 'handled', decision: 'unfounded', decidedDate: '2026-03-30' });
    expect(done).toMatchObject({ overdue: false, handledInTime: false });
  });

  it('gives the median handling time and the share handled in time per year', async () => {
    const ctx = ctxAs(db, advisor, day('2025-12-31'));
    // Complaints: six weeks (42 days). Handled after 10, 30 and 50 days; one still open.
    for (const [received, decided] of [['2025-03-01', '2025-03-11'], ['2025-04-01', '2025-05-01'], ['2025-05-01', '2025-06-20'], ['2025-06-01', null]] as const) {
      const c = await registerComplaint(ctx, { typeKey: 'klacht', receivedDate: received, subject: 'Klacht over een activiteit', organisationId: org.id, themeSlug: 'ontmoeten' });
      if (decided) await progressComplaint(ctx, c.id, { status: 'handled', decision: 'partly', decidedDate: decided });
    }
    const r = await complaintReport(ctxAs(db, auditor, day('2025-12-31')), { year: 2025 });
    expect(r.total).toMatchObject({ received: 4, handled: 3, open: 1, overdue: 1, medianDays: 30 });
    expect(r.total.inTimeShare).toBeCloseTo(2 / 3, 4);
    expect(r.byType).toEqual([expect.objectContaining({ key: 'klacht', received: 4 })]);
    expect(r.byOrganisation).toEqual([expect.objectContaining({ key: org.id, received: 4 })]);
    expect(r.byTheme).toEqual([expect.objectContaining({ key: 'ontmoeten', received: 4 })]);
  });

  it('shows the complainant only to the handler and the organisation concerned, and audits every read', async () => {
    const c = await registerComplaint(ctxAs(db, adminActor), { typeKey: 'klacht', receivedDate: '2026-02-01', subject: 'Te laat begonnen', organisationId: org.id, handlerUserId: null, complainantName: 'M. Klager', complainantContact: 'klager@example.nl' });
    expect((await getComplaint(ctxAs(db, advisor), c.id)).complainant).toBeNull();
    expect((await getComplaint(ctxAs(db, contract), c.id)).complainant).toBeNull();
    expect((await getComplaint(ctxAs(db, staff), c.id)).complainant).toEqual({ name: 'M. Klager', contact: 'klager@example.nl' });
    expect((await appErrorOf(getComplaint(ctxAs(db, otherStaff), c.id))).code).toBe('not_found');
    expect((await appErrorOf(getComplaint(ctxAs(db, auditor), c.id))).code).toBe('not_found');
    expect((await listComplaints(ctxAs(db, staff))).every((x) => x.complainant === null)).toBe(true);
    const reads = await findAuditEvents(ctxAs(db, adminActor), { action: 'effects.complaint.complainant_read' });
    expect(reads.some((e) => e.subjectId === c.id)).toBe(true);
    expect((await appErrorOf(registerComplaint(ctxAs(db, staff), { typeKey: 'klacht', receivedDate: '2026-02-01', subject: 'x' }))).code).toBe('forbidden');
    expect((await appErrorOf(progressComplaint(ctxAs(db, contract), c.id, { status: 'in_progress' }))).code).toBe('forbidden');
  });

  it('registers a complaint about an activity: organisation and theme follow from it, and the figures count it per activity', async () => {
    const orgStaff = ctxAs(db, staff, day('2024-06-01'));
    const activity = await createActivity(orgStaff, activityInputFor({ title: 'Taalcafé Klachtentest', themes: ['ontmoeten'] }));
    await publishActivity(orgStaff, activity.id);
    const ctx = ctxAs(db, advisor, day('2024-12-31'));
    const c = await registerComplaint(ctx, { typeKey: 'klacht', receivedDate: '2024-03-01', subject: 'Niemand deed open', activityId: activity.id });
    expect(c).toMatchObject({ activityId: activity.id, organisationId: org.id, themeSlug: 'ontmoeten' });
    // the organisation concerned sees it (it was derived from the activity)
    expect((await listComplaints(ctxAs(db, staff), { activity: activity.id })).map((x) => x.id)).toEqual([c.id]);
    await registerComplaint(ctx, { typeKey: 'klacht', receivedDate: '2024-04-01', subject: 'Over de organisatie zelf', organisationId: org.id });
    const r = await complaintReport(ctxAs(db, auditor, day('2024-12-31')), { year: 2024 });
    expect(r.byActivity).toEqual([expect.objectContaining({ key: null, received: 1 }), expect.objectContaining({ key: activity.id, received: 1 })]);
    expect(r.byOrganisation).toEqual([expect.objectContaining({ key: org.id, received: 2 })]);
    // an activity another organisation does not run, or that does not exist
    const wrong = await appErrorOf(registerComplaint(ctx, { typeKey: 'klacht', receivedDate: '2024-03-01', subject: 'x', activityId: activity.id, organisationId: otherStaff.organisationId }));
    expect(wrong.fields[0]).toMatchObject({ field: 'activityId', message: 'effects.complaint.error.activityOfOtherOrganisation' });
    const unknown = await appErrorOf(registerComplaint(ctx, { typeKey: 'klacht', receivedDate: '2024-03-01', subject: 'x', activityId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknown.fields[0]).toMatchObject({ field: 'activityId' });
  });

  it('answers bad input with field errors', async () => {
    const ctx = ctxAs(db, advisor);
    const err = await appErrorOf(registerComplaint(ctx, { typeKey: 'zeur', receivedDate: '2026-04-01', subject: '', organisationId: '00000000-0000-4000-8000-000000000000', themeSlug: 'geen' }));
    expect(err.fields.map((f) => f.field).sort()).toEqual(['organisationId', 'receivedDate', 'subject', 'themeSlug', 'typeKey']);
    const c = await registerComplaint(ctx, { typeKey: 'klacht', receivedDate: '2026-02-20', subject: 'Geen reactie' });
    const bad = await appErrorOf(progressComplaint(ctx, c.id, { status: 'handled', decidedDate: '2026-02-01' }));
    expect(bad.fields.map((f) => f.field).sort()).toEqual(['decidedDate', 'decision']);
    expect((await appErrorOf(listComplaints(ctx, { overdue: 'misschien' as never }))).fields[0]).toMatchObject({ field: 'overdue' });
  });
});
