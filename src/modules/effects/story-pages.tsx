/** @jsxImportSource hono/jsx */
// Pages of the stories: the list (and what is waiting for review), recording and changing a story with the
// resident's consent and an optional photo (multipart, works without JavaScript), the anonymisation step on
// submitting, the review by a second person, withdrawing consent, and the photo itself (readers of the story only).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, A, UL, Alert, ErrorSummary, TextField, TextArea, Select, Checkboxes, Csrf, Submit, Table, Breadcrumbs, Facts, FileField, type View } from '../../platform/ui/page.tsx';
import { readForm, str, list, formErrors, type FormBody } from '../../platform/ui/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { listManagedActivities } from '../catalogue/service.ts';
import { readsAllRegisters, registersRecordsFor, reviewsStory } from './policy.ts';
import { createStory, updateStory, submitStory, reviewStory, withdrawStoryConsent, getStory, getStoryPhoto, listStories, consentMedia, consentUses, AnonymisationError, type StoryInput, type StoryView } from './story-service.ts';
import { anonymisationWarnings, type AnonymisationWarning } from './story-anonymise.ts';
import { RegisterLinks, frameworkOptions, organisationOptions, fmtDate } from './register-ui.tsx';
import { localDate } from './complaint-deadline.ts';

const labels = (v: View): Record<string, string> => ({
  organisationId: v.t('effects.field.organisation'),
  title: v.t('effects.story.field.title'),
  body: v.t('effects.story.field.body'),
  storyDate: v.t('effects.story.field.date'),
  themeSlug: v.t('effects.field.theme'),
  subGoals: v.t('effects.field.subGoals'),
  principles: v.t('effects.story.field.principles'),
  districtCode: v.t('effects.field.district'),
  activityId: v.t('effects.story.field.activity'),
  consentMedia: v.t('effects.story.consentMedia'),
  consentUses: v.t('effects.story.consentUses'),
  consentUntil: v.t('effects.story.consentUntil'),
  photo: v.t('effects.story.field.photo'),
  photoAlt: v.t('effects.story.field.photoAlt'),
  checked: v.t('effects.story.checked'),
  comment: v.t('effects.story.comment'),
});

const valuesOf = (s: StoryView): FormBody => ({
  organisationId: s.organisationId,
  title: s.title,
  body: s.body,
  storyDate: s.storyDate,
  themeSlug: s.themeSlug ?? '',
  subGoals: s.subGoals,
  principles: s.principles,
  districtCode: s.districtCode ?? '',
  activityId: s.activityId ?? '',
  consentMedia: s.consentMedia,
  consentUses: s.consentUses,
  consentUntil: s.consentUntil ?? '',
  photoAlt: s.photoAlt,
});

const Warnings = ({ v, warnings }: { v: View; warnings: AnonymisationWarning[] }) => (
  <div class="utrecht-alert utrecht-alert--warning" role="status" id="controle">
    <div class="utrecht-alert__content">
      <h2 class="utrecht-heading-2">{v.t('effects.story.checkTitle')}</h2>
      <p class="utrecht-paragraph">{v.t('effects.story.checkIntro')}</p>
      <UL items={warnings.map((w) => `${v.t(`effects.story.warning.${w.kind}`)}: ${w.match}`)} />
    </div>
  </div>
);

async function storyForm(c: Context<AppEnv>, opts: { story?: StoryView; values: FormBody; errors: FieldError[]; warnings?: AnonymisationWarning[] }) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const { story, values, errors, warnings = [] } = opts;
  const [fw, orgs, activities] = await Promise.all([
    frameworkOptions(ctx),
    !story && readsAllRegisters(v.actor) ? organisationOptions(ctx) : Promise.resolve([]),
    hasRole(v.actor, 'partner_staff', 'administrator') ? listManagedActivities(ctx, {}, { pageSize: 100 } as never).then((r) => r.items, () => []) : Promise.resolve([]),
  ]);
  const action = story ? `/effecten/verhalen/${story.id}` : '/effecten/verhalen';
  const title = story ? v.t('effects.story.edit') : v.t('effects.story.new');
  return c.html(
    <Layout v={v} title={title}>
      <Breadcrumbs v={v} items={[{ href: '/effecten/verhalen', label: v.t('effects.story.title') }]} />
      <H1>{title}</H1>
      <form method="post" action={action} class="sb-form" enctype="multipart/form-data" novalidate>
        <Csrf v={v} />
        <ErrorSummary v={v} errors={errors} />
        {warnings.length > 0 && <Warnings v={v} warnings={warnings} />}
        {orgs.length ? <Select name="organisationId" label={v.t('effects.field.organisation')} value={str(values, 'organisationId')} errors={errors} options={[{ value: '', label: '' }, ...orgs]} /> : <input type="hidden" name="organisationId" value={str(values, 'organisationId') || v.actor?.organisationId || ''} />}
        <TextField name="title" label={v.t('effects.story.field.title')} value={str(values, 'title')} errors={errors} />
        <TextArea name="body" label={v.t('effects.story.field.body')} description={v.t('effects.story.field.bodyHint')} value={str(values, 'body')} errors={errors} rows={10} required />
        <TextField name="storyDate" type="date" label={v.t('effects.story.field.date')} value={str(values, 'storyDate') || localDate(ctx.now())} errors={errors} required />
        <Select name="themeSlug" label={v.t('effects.field.theme')} value={str(values, 'themeSlug')} errors={errors} options={[{ value: '', label: v.t('effects.none') }, ...fw.themes]} />
        <Checkboxes name="subGoals" label={v.t('effects.field.subGoals')} values={list(values, 'subGoals')} errors={errors} options={fw.subGoals} />
        <Checkboxes name="principles" label={v.t('effects.story.field.principles')} values={list(values, 'principles')} errors={errors} options={fw.principles} />
        <Select name="districtCode" label={v.t('effects.field.district')} value={str(values, 'districtCode')} errors={errors} options={[{ value: '', label: v.t('effects.none') }, ...fw.districts]} />
        {activities.length > 0 && <Select name="activityId" label={v.t('effects.story.field.activity')} value={str(values, 'activityId')} errors={errors} options={[{ value: '', label: v.t('effects.none') }, ...activities.map((a) => ({ value: a.id, label: a.title }))]} />}
        <FileField name="photo" label={v.t('effects.story.field.photo')} description={v.t('effects.story.field.photoHint')} errors={errors} accept="image/jpeg,image/png" />
        {story?.hasPhoto && <Checkboxes name="removePhoto" label={v.t('effects.story.photoOf')} values={[]} options={[{ value: '1', label: v.t('effects.story.field.removePhoto') }]} />}
        <TextField name="photoAlt" label={v.t('effects.story.field.photoAlt')} description={v.t('effects.story.field.photoAltHint')} value={str(values, 'photoAlt')} errors={errors} />
        <fieldset class="utrecht-form-fieldset">
          <legend class="utrecht-form-fieldset__legend">{v.t('effects.story.consent')}</legend>
          <P>{v.t('effects.story.consentHint')}</P>
          <Checkboxes name="consentMedia" label={v.t('effects.story.consentMedia')} values={list(values, 'consentMedia')} errors={errors} options={consentMedia.map((m) => ({ value: m, label: v.t(`effects.story.media.${m}`) }))} />
          <Checkboxes name="consentUses" label={v.t('effects.story.consentUses')} values={list(values, 'consentUses')} errors={errors} options={consentUses.map((u) => ({ value: u, label: v.t(`effects.story.use.${u}`) }))} />
          <TextField name="consentUntil" type="date" label={v.t('effects.story.consentUntil')} value={str(values, 'consentUntil')} errors={errors} required />
        </fieldset>
        {warnings.length > 0 && <Checkboxes name="checked" label={v.t('effects.story.checkTitle')} values={[]} errors={errors} options={[{ value: '1', label: v.t('effects.story.checked') }]} />}
        <div class="sb-actions">
          <Submit name="intent" value="draft" secondary>
            {v.t('effects.story.saveDraft')}
          </Submit>{' '}
          <Submit name="intent" value="submit">
            {v.t('effects.story.submit')}
          </Submit>
        </div>
      </form>
    </Layout>,
    errors.length ? 400 : 200,
  );
}

/** Reads the multipart form: the fields, and the photo as a Buffer when one was chosen. */
async function readStoryForm(c: Context<AppEnv>): Promise<{ body: FormBody; input: StoryInput; intent: string; checked: boolean }> {
  const raw = await c.req.parseBody({ all: true });
  const file = raw.photo instanceof File && raw.photo.size > 0 ? raw.photo : null;
  const body = await readForm(c);
  const input: StoryInput = {
    organisationId: str(body, 'organisationId'),
    title: str(body, 'title'),
    body: str(body, 'body'),
    storyDate: str(body, 'storyDate'),
    themeSlug: str(body, 'themeSlug') || null,
    subGoals: list(body, 'subGoals'),
    principles: list(body, 'principles'),
    districtCode: str(body, 'districtCode') || null,
    activityId: str(body, 'activityId') || null,
    consentMedia: list(body, 'consentMedia') as never,
    consentUses: list(body, 'consentUses') as never,
    consentUntil: str(body, 'consentUntil'),
    photoAlt: str(body, 'photoAlt'),
    photo: file ? { data: Buffer.from(await file.arrayBuffer()), type: file.type } : null,
    removePhoto: list(body, 'removePhoto').includes('1'),
  };
  return { body, input, intent: str(body, 'intent'), checked: list(body, 'checked').includes('1') };
}

async function storyPage(c: Context<AppEnv>, s: StoryView, errors: FieldError[] = []) {
  const v = viewOf(c);
  const fw = await frameworkOptions(c.get('ctx'));
  const mine = registersRecordsFor(v.actor, s.organisationId);
  const notice = c.req.query('klaar');
  return c.html(
    <Layout v={v} title={s.title || v.t('effects.story.untitled')}>
      <Breadcrumbs v={v} items={[{ href: '/effecten/verhalen', label: v.t('effects.story.title') }]} />
      <H1>{s.title || v.t('effects.story.untitled')}</H1>
      {notice && ['saved', 'submitted', 'reviewed'].includes(notice) && <Alert type="ok">{v.t(`effects.story.${notice as 'saved' | 'submitted' | 'reviewed'}`)}</Alert>}
      <ErrorSummary v={v} errors={errors} />
      {s.status === 'withdrawn' ? (
        <Alert type="info">{v.t('effects.story.withdrawn', { date: fmtDate(v, s.withdrawnAt ? localDate(s.withdrawnAt) : null) })}</Alert>
      ) : (
        <>
          {s.body.split(/\n{2,}/).map((para) => <P>{para}</P>)}
          {s.hasPhoto && (
            <figure class="sb-story-photo">
              <img src={`/effecten/verhalen/${s.id}/foto`} alt={s.photoAlt} width={480} />
              <figcaption>{v.t('effects.story.photoOf')}</figcaption>
            </figure>
          )}
        </>
      )}
      <Facts
        items={[
          [v.t('effects.story.status'), v.t(`effects.story.status.${s.status}`)],
          [v.t('effects.story.field.date'), fmtDate(v, s.storyDate)],
          [v.t('effects.field.theme'), fw.themeName(s.themeSlug) || v.t('effects.none')],
          [v.t('effects.field.subGoals'), s.subGoals.map(fw.subGoalText).join('; ') || v.t('effects.none')],
          [v.t('effects.field.district'), fw.districtName(s.districtCode) || v.t('effects.none')],
          ...(s.status !== 'withdrawn'
            ? ([
                [
                  v.t('effects.story.consent'),
                  `${s.consentMedia.map((m) => v.t(`effects.story.media.${m as 'text' | 'photo'}`)).join(', ')} · ${s.consentUses.map((u) => v.t(`effects.story.use.${u as 'internal'}`)).join(', ')} · ${v.t('effects.story.consentUntil').toLowerCase()} ${fmtDate(v, s.consentUntil)}`,
                ],
                [v.t('effects.story.consentRecorded'), s.consentRecordedAt ? fmtDate(v, localDate(s.consentRecordedAt)) : ''],
              ] satisfies [string, string][])
            : []),
          ...(s.reviewComment ? ([[v.t('effects.story.reviewComment'), s.reviewComment]] satisfies [string, string][]) : []),
        ]}
      />
      {mine && (s.status === 'draft' || s.status === 'returned') && (
        <P>
          <A href={`/effecten/verhalen/${s.id}/bewerken`}>{v.t('effects.story.edit')}</A>
        </P>
      )}
      {s.status === 'submitted' && reviewsStory(v.actor, s) && (
        <section aria-labelledby="beoordelen">
          <H2 id="beoordelen">{v.t('effects.story.review')}</H2>
          <P>{v.t('effects.story.reviewHint')}</P>
          <form method="post" action={`/effecten/verhalen/${s.id}/beoordelen`} class="sb-form" novalidate>
            <Csrf v={v} />
            <Select name="decision" label={v.t('effects.story.decision')} errors={errors} options={[{ value: 'approve', label: v.t('effects.story.approve') }, { value: 'return', label: v.t('effects.story.return') }]} />
            <TextArea name="comment" label={v.t('effects.story.comment')} errors={errors} />
            <Submit>{v.t('effects.story.reviewSave')}</Submit>
          </form>
        </section>
      )}
      {s.status !== 'withdrawn' && (mine || readsAllRegisters(v.actor)) && (
        <section aria-labelledby="intrekken">
          <H2 id="intrekken">{v.t('effects.story.withdraw')}</H2>
          <P>{v.t('effects.story.withdrawHint')}</P>
          <form method="post" action={`/effecten/verhalen/${s.id}/intrekken`} class="sb-form">
            <Csrf v={v} />
            <button type="submit" class="utrecht-button utrecht-button--secondary-action">
              {v.t('effects.story.withdrawButton')}
            </button>
          </form>
        </section>
      )}
    </Layout>,
    errors.length ? 400 : 200,
  );
}

export function registerStoryPages(app: OpenAPIHono<AppEnv>) {
  app.get('/effecten/verhalen', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const [all, toReview] = await Promise.all([listStories(ctx), listStories(ctx, { toReview: true })]);
    const table = (caption: string, items: StoryView[]) => (
      <Table caption={caption} head={[v.t('effects.story.field.title'), v.t('effects.story.field.date'), v.t('effects.story.status')]} rows={items.map((s) => [<A href={`/effecten/verhalen/${s.id}`}>{s.title || v.t('effects.story.untitled')}</A>, fmtDate(v, s.storyDate), v.t(`effects.story.status.${s.status}`)])} />
    );
    return c.html(
      <Layout v={v} title={v.t('effects.story.title')}>
        <H1>{v.t('effects.story.title')}</H1>
        <P>{v.t('effects.story.intro')}</P>
        <RegisterLinks v={v} />
        {hasRole(v.actor, 'partner_staff', 'administrator') && (
          <P>
            <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/effecten/verhalen/nieuw">
              {v.t('effects.story.new')}
            </a>
          </P>
        )}
        {toReview.length > 0 && table(v.t('effects.story.toReview'), toReview)}
        {all.length === 0 ? <P>{v.t('effects.story.none')}</P> : table(v.t('effects.story.all'), all)}
      </Layout>,
    );
  });

  app.get('/effecten/verhalen/nieuw', (c) => storyForm(c, { values: { consentUses: ['internal'], consentMedia: ['text'] }, errors: [] }));

  /** Saves (new or changed), then submits when asked: warnings come back on the form with the confirmation box. */
  const save = async (c: Context<AppEnv>, id: string | null) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const { body, input, intent, checked } = await readStoryForm(c);
    const current = id ? await getStory(ctx, id) : undefined;
    let story: StoryView | undefined = current;
    try {
      story = id ? await updateStory(ctx, id, input) : await createStory(ctx, input);
      if (intent !== 'submit') return c.redirect(`/effecten/verhalen/${story.id}?klaar=saved`, 303);
      await submitStory(ctx, story.id, { checked });
      return c.redirect(`/effecten/verhalen/${story.id}?klaar=submitted`, 303);
    } catch (err) {
      const warnings = err instanceof AnonymisationError ? err.warnings : intent === 'submit' ? anonymisationWarnings(`${input.title}\n${input.body}`) : [];
      const errors = formErrors(err, v.lang, labels(v));
      return storyForm(c, { story, values: body, errors, warnings });
    }
  };
  app.post('/effecten/verhalen', (c) => save(c, null));

  app.get('/effecten/verhalen/:id', async (c) => storyPage(c, await getStory(c.get('ctx'), c.req.param('id'))));

  app.get('/effecten/verhalen/:id/bewerken', async (c) => {
    const s = await getStory(c.get('ctx'), c.req.param('id'));
    return storyForm(c, { story: s, values: valuesOf(s), errors: [] });
  });
  app.post('/effecten/verhalen/:id', (c) => save(c, c.req.param('id')));

  app.post('/effecten/verhalen/:id/beoordelen', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const id = c.req.param('id');
    const b = await readForm(c);
    try {
      await reviewStory(ctx, id, { decision: str(b, 'decision') as never, comment: str(b, 'comment') });
      return c.redirect(`/effecten/verhalen/${id}?klaar=reviewed`, 303);
    } catch (err) {
      return storyPage(c, await getStory(ctx, id), formErrors(err, v.lang, labels(v)));
    }
  });

  app.post('/effecten/verhalen/:id/intrekken', async (c) => {
    const s = await withdrawStoryConsent(c.get('ctx'), c.req.param('id'));
    return c.redirect(`/effecten/verhalen/${s.id}`, 303);
  });

  app.get('/effecten/verhalen/:id/foto', async (c) => {
    const p = await getStoryPhoto(c.get('ctx'), c.req.param('id'));
    return c.body(new Uint8Array(p.data), 200, { 'Content-Type': p.type, 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' });
  });
}
