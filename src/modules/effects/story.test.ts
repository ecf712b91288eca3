// Stories on both databases: the anonymisation step, review by a second person, consent and its withdrawal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dbKinds, seedFramework, type TestDatabase } from '../../../test/db.ts';
import { appErrorOf } from '../../../test/errors.ts';
import { createStory, submitStory, reviewStory, withdrawStoryConsent, getStory, getStoryPhoto, listReportableStories, AnonymisationError, type StoryInput } from './story-service.ts';
import { ctxAs, makeOrg, person } from './test-helpers.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe.each(dbKinds)('stories (%s)', (kind) => {
  let db: TestDatabase;
  let org: { id: string };
  let other: { id: string };
  const author = person(['partner_staff'], null, 'Anna');
  const colleague = person(['partner_staff'], null, 'Cor');
  const outsider = person(['partner_staff'], null, 'Otto');
  const advisor = person(['policy_advisor'], null, 'Bram');

  const input = (over: Partial<StoryInput> = {}): StoryInput => ({
    organisationId: org.id,
    title: 'Weer onder de mensen',
    body: 'Na het overlijden van haar man kwam zij bijna de deur niet meer uit. Via de koffieochtend vond zij weer aanspraak.',
    storyDate: '2025-05-01',
    themeSlug: 'ontmoeten',
    subGoals: ['ontmoeten/1'],
    principles: [],
    districtCode: 'noord',
    consentMedia: ['text'],
    consentUses: ['internal', 'council'],
    consentUntil: '2027-12-31',
    ...over,
  });

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedFramework(db);
    org = await makeOrg(db, 'Buurthuis Test');
    other = await makeOrg(db, 'Ander Test');
    author.organisationId = org.id;
    colleague.organisationId = org.id;
    outsider.organisationId = other.id;
  });
  afterAll(async () => db?.drop());

  it('warns about a phone number before submitting; the author must edit or confirm', async () => {
    const s = await createStory(ctxAs(db, author), input({ body: 'Zij belde ons zelf op 06-12345678 en kwam de week erna.' }));
    expect(s.status).toBe('draft');
    const err = await appErrorOf(submitStory(ctxAs(db, author), s.id));
    expect(err).toBeInstanceOf(AnonymisationError);
    expect((err as AnonymisationError).warnings).toEqual([{ kind: 'phone', match: '06-12345678' }]);
    expect(err.fields[0]).toMatchObject({ field: 'checked', code: 'anonymisation' });
    const submitted = await submitStory(ctxAs(db, author), s.id, { checked: true });
    expect(submitted.status).toBe('submitted');
    expect(submitted.checkedAt).not.toBeNull();
  });

  it('needs a second person to review: never the author, nobody of another organisation', async () => {
    const s = await createStory(ctxAs(db, author), input());
    await submitStory(ctxAs(db, author), s.id);
    expect((await appErrorOf(reviewStory(ctxAs(db, author), s.id, { decision: 'approve' }))).messageKey).toBe('effects.story.error.ownStory');
    expect((await appErrorOf(reviewStory(ctxAs(db, outsider), s.id, { decision: 'approve' }))).code).toBe('not_found');
    const noComment = await appErrorOf(reviewStory(ctxAs(db, colleague), s.id, { decision: 'return' }));
    expect(noComment.fields[0]).toMatchObject({ field: 'comment' });
    expect((await listReportableStories(ctxAs(db, advisor), { year: 2025 })).map((x) => x.id)).not.toContain(s.id);
    const approved = await reviewStory(ctxAs(db, colleague), s.id, { decision: 'approve' });
    expect(approved).toMatchObject({ status: 'approved', reviewerUserId: colleague.userId });
    expect((await listReportableStories(ctxAs(db, advisor), { year: 2025 })).map((x) => x.id)).toContain(s.id);
  });

  it('reports a story only while the consent is valid and covers the use', async () => {
    const s = await createStory(ctxAs(db, author), input({ consentUses: ['internal'], consentUntil: '2026-06-30', storyDate: '2026-01-15' }));
    await submitStory(ctxAs(db, author), s.id);
    await reviewStory(ctxAs(db, advisor), s.id, { decision: 'approve' });
    const ids = async (f: Parameters<typeof listReportableStories>[1]) => (await listReportableStories(ctxAs(db, advisor), f)).map((x) => x.id);
    expect(await ids({ year: 2026, use: 'internal' })).toContain(s.id);
    expect(await ids({ year: 2026 })).not.toContain(s.id); // default use: a council document
    expect(await ids({ year: 2026, use: 'internal', on: '2026-07-01' })).not.toContain(s.id);
    expect(await ids({ year: 2026, use: 'internal', theme: 'ontmoeten', subGoal: 'ontmoeten/1', district: 'noord' })).toContain(s.id);
    expect(await ids({ year: 2026, use: 'internal', district: 'centrum' })).not.toContain(s.id);
  });

  it('withdrawing consent removes the story from reports and erases text and photo (a tombstone stays)', async () => {
    const s = await createStory(ctxAs(db, author), input({ consentMedia: ['text', 'photo'], photo: { data: PNG, type: 'image/png' }, photoAlt: 'Twee mensen aan een tafel met koffie' }));
    expect((await getStoryPhoto(ctxAs(db, colleague), s.id)).type).toBe('image/png');
    expect((await appErrorOf(getStoryPhoto(ctxAs(db, outsider), s.id))).code).toBe('not_found');
    await submitStory(ctxAs(db, author), s.id);
    await reviewStory(ctxAs(db, colleague), s.id, { decision: 'approve' });
    expect((await listReportableStories(ctxAs(db, advisor), { year: 2025 })).find((x) => x.id === s.id)?.photo).toBe(true);
    await withdrawStoryConsent(ctxAs(db, author), s.id);
    expect((await listReportableStories(ctxAs(db, advisor), { year: 2025 })).map((x) => x.id)).not.toContain(s.id);
    const tomb = await getStory(ctxAs(db, advisor), s.id);
    expect(tomb).toMatchObject({ status: 'withdrawn', title: '', body: '', hasPhoto: false, photoAlt: '' });
    expect(tomb.withdrawnAt).not.toBeNull();
    expect((await appErrorOf(getStoryPhoto(ctxAs(db, advisor), s.id))).code).toBe('not_found');
  });

  it('answers bad input with field errors', async () => {
    const err = await appErrorOf(
      createStory(ctxAs(db, author), input({ body: '', consentMedia: [], consentUses: ['overal' as never], consentUntil: '2024-01-01', subGoals: ['bestaat/9'], photo: { data: Buffer.from('GIF89a'), type: 'image/gif' } })),
    );
    expect(err.fields.map((f) => f.field).sort()).toEqual(['body', 'consentMedia', 'consentUntil', 'consentUses.0', 'photo', 'photoAlt', 'subGoals.0'].sort());
    const big = await appErrorOf(createStory(ctxAs(db, author), input({ consentMedia: ['text', 'photo'], photoAlt: 'x', photo: { data: Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]), type: 'image/png' } })));
    expect(big.fields).toEqual([expect.objectContaining({ field: 'photo', message: 'effects.story.error.photoSize' })]);
    const past = await appErrorOf(createStory(ctxAs(db, author), input({ consentUntil: '2025-04-01' })));
    expect(past.fields).toEqual([expect.objectContaining({ field: 'consentUntil' })]);
  });
});
