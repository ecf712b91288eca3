/** @jsxImportSource hono/jsx */
// Pages to change a contract (name, contractor, dates, source, note) and a round's timeline, for the people who
// manage contracts. No JavaScript: a form with the current values, posted back; bad input comes back beside the
// fields, a conflict (the contractor cannot change any more) with 409.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, P, A, ErrorSummary, TextField, TextArea, Select, Csrf, Submit, Breadcrumbs, Facts, type View } from '../../platform/ui/page.tsx';
import { readForm, str, formErrors, type FormBody } from '../../platform/ui/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { listOrganisations } from '../network/service.ts';
import { getContract, getRound } from './contracts.ts';
import { updateContract, updateRound, subcontractorCount } from './contract-edits.ts';
import { CONTRACT_PATH, ROUND_PATH } from './policy.ts';
import { labels, val } from './pages.tsx';

const statusOf = (errors: FieldError[]) => (errors.length ? (errors.some((e) => e.kind === 'conflict') ? 409 : 400) : 200);
const windows = ['proposalFrom', 'proposalTo', 'conversationsFrom', 'conversationsTo', 'decisionFrom', 'decisionTo'] as const;

const Actions = ({ v, back, label }: { v: View; back: string; label: string }) => (
  <div class="sb-actions">
    <Submit>{label}</Submit>
    <A href={back}>{v.t('contracts.cancel')}</A>
  </div>
);

async function contractEditPage(c: Context<AppEnv>, values: FormBody, errors: FieldError[]) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const { contract: k } = await getContract(ctx, c.req.param('id')!);
  const fixed = (await subcontractorCount(ctx, k.id)) > 0;
  const orgs = fixed ? [] : (await listOrganisations(ctx)).filter((o) => o.type === 'cooperative' || o.type === 'core-partner' || o.id === k.contractorOrganisationId);
  const back = `/opdrachten/${k.id}`;
  return c.html(
    <Layout v={v} title={v.t('contracts.editTitle', { name: k.name })}>
      <Breadcrumbs v={v} items={[{ href: '/opdrachten', label: v.t('contracts.title') }, { href: back, label: k.name }]} />
      <H1>{v.t('contracts.editTitle', { name: k.name })}</H1>
      <P>{v.t('contracts.editIntro')}</P>
      <form method="post" action={`${back}/wijzigen`} class="sb-form" novalidate>
        <Csrf v={v} />
        <ErrorSummary v={v} errors={errors} />
        <TextField name="name" label={v.t('contracts.name')} value={val(values, 'name', k.name)} errors={errors} required />
        {fixed ? (
          <Facts items={[[v.t('contracts.contractor'), k.contractorName]]} />
        ) : (
          <Select name="contractorOrganisationId" label={v.t('contracts.contractor')} value={val(values, 'contractorOrganisationId', k.contractorOrganisationId)} errors={errors} options={orgs.map((o) => ({ value: o.id, label: o.name }))} />
        )}
        <TextField name="signedOn" type="date" label={v.t('contracts.signedOn')} value={val(values, 'signedOn', k.signedOn ?? '')} errors={errors} />
        <TextField name="startsOn" type="date" label={v.t('contracts.startsOn')} value={val(values, 'startsOn', k.startsOn)} errors={errors} required />
        <TextField name="endsOn" type="date" label={v.t('contracts.endsOn')} value={val(values, 'endsOn', k.endsOn ?? '')} errors={errors} />
        <TextField name="source" label={v.t('contracts.source')} value={val(values, 'source', k.source)} errors={errors} />
        <TextArea name="note" label={v.t('contracts.note')} value={val(values, 'note', k.note)} errors={errors} />
        <Actions v={v} back={back} label={v.t('contracts.editSave')} />
      </form>
    </Layout>,
    statusOf(errors),
  );
}

async function roundEditPage(c: Context<AppEnv>, values: FormBody, errors: FieldError[]) {
  const v = viewOf(c);
  const d = await getRound(c.get('ctx'), c.req.param('id')!);
  const roundTitle = v.t('contracts.round.title', { year: d.round.year });
  const back = `/opdrachten/rondes/${d.round.id}`;
  const l = labels(v);
  return c.html(
    <Layout v={v} title={v.t('contracts.round.editTitle', { round: roundTitle })}>
      <Breadcrumbs v={v} items={[{ href: '/opdrachten', label: v.t('contracts.title') }, { href: `/opdrachten/${d.contract.id}`, label: d.contract.name }, { href: back, label: roundTitle }]} />
      <H1>{v.t('contracts.round.editTitle', { round: roundTitle })}</H1>
      <P>{v.t('contracts.round.editIntro')}</P>
      <form method="post" action={`${back}/wijzigen`} class="sb-form" novalidate>
        <Csrf v={v} />
        <ErrorSummary v={v} errors={errors} />
        {windows.map((f) => (
          <TextField name={f} type="date" label={l[f]} value={val(values, f, d.round[f])} errors={errors} required />
        ))}
        <TextArea name="note" label={v.t('contracts.note')} value={val(values, 'note', d.round.note)} errors={errors} />
        <Actions v={v} back={back} label={v.t('contracts.editSave')} />
      </form>
    </Layout>,
    statusOf(errors),
  );
}

export function registerContractEditPages(app: OpenAPIHono<AppEnv>) {
  app.get(`${CONTRACT_PATH}/wijzigen`, (c) => contractEditPage(c, {}, []));
  app.post(`${CONTRACT_PATH}/wijzigen`, async (c) => {
    const v = viewOf(c);
    const b = await readForm(c);
    const id = c.req.param('id')!;
    try {
      await updateContract(c.get('ctx'), id, {
        name: str(b, 'name'),
        ...('contractorOrganisationId' in b ? { contractorOrganisationId: str(b, 'contractorOrganisationId') } : {}),
        signedOn: str(b, 'signedOn'),
        startsOn: str(b, 'startsOn'),
        endsOn: str(b, 'endsOn'),
        source: str(b, 'source'),
        note: str(b, 'note'),
      });
      return c.redirect(`/opdrachten/${id}?klaar=opgeslagen`, 303);
    } catch (err) {
      return contractEditPage(c, b, formErrors(err, v.lang, labels(v)));
    }
  });
  app.get(`${ROUND_PATH}/wijzigen`, (c) => roundEditPage(c, {}, []));
  app.post(`${ROUND_PATH}/wijzigen`, async (c) => {
    const v = viewOf(c);
    const b = await readForm(c);
    const id = c.req.param('id')!;
    try {
      await updateRound(c.get('ctx'), id, { ...Object.fromEntries(windows.map((f) => [f, str(b, f)])), note: str(b, 'note') });
      return c.redirect(`/opdrachten/rondes/${id}?klaar=opgeslagen`, 303);
    } catch (err) {
      return roundEditPage(c, b, formErrors(err, v.lang, labels(v)));
    }
  });
}
