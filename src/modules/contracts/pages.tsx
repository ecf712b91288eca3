/** @jsxImportSource hono/jsx */
// Pages of the integral contract: the contracts (and a form to record one), a contract with its rounds (and a form
// to open one with its timeline), a round with its subcontractors, timeline warnings, residents affected, the
// transfers and the reduction per kind of provider, and one subcontractor's decision and transfer forms.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, A, Alert, ErrorSummary, TextField, TextArea, Select, Csrf, Submit, Table, Breadcrumbs, Facts, type View } from '../../platform/ui/page.tsx';
import { readForm, str, formErrors, type FormBody } from '../../platform/ui/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { listOrganisations } from '../network/service.ts';
import { countText, type Count } from '../reach/service.ts';
import { listContracts, getContract, createContract, createRound, getRound, addSubcontractor, getSubcontractor, recordDecision, recordTransfer, decisions, type RoundView, type SubcontractorView, type Decision } from './contracts.ts';
import { decidesSubcontractors, managesContracts, CONTRACT_PATH, ROUND_PATH, SUBCONTRACTOR_PATH } from './policy.ts';
import { formatDay, localeOf, numberFormat } from '../../platform/i18n/intl.ts';

export const fmtDate = (v: View, iso: string | null | undefined) => formatDay(v.lang, iso);
const pct = (v: View, x: number) => numberFormat(localeOf(v.lang), { style: 'percent', maximumFractionDigits: 0 }).format(x);
const decisionText = (v: View, d: Decision | null) => (d ? v.t(`contracts.decision.${d}`) : v.t('contracts.undecided'));
const count = (v: View, c: Count | null) => (c === null ? '' : countText(c, v.lang));

export const labels = (v: View) => ({
  name: v.t('contracts.name'),
  contractorOrganisationId: v.t('contracts.contractor'),
  signedOn: v.t('contracts.signedOn'),
  startsOn: v.t('contracts.startsOn'),
  endsOn: v.t('contracts.endsOn'),
  source: v.t('contracts.source'),
  note: v.t('contracts.note'),
  year: v.t('contracts.round.year'),
  proposalFrom: v.t('contracts.round.proposalFrom'),
  proposalTo: v.t('contracts.round.proposalTo'),
  conversationsFrom: v.t('contracts.round.conversationsFrom'),
  conversationsTo: v.t('contracts.round.conversationsTo'),
  decisionFrom: v.t('contracts.round.decisionFrom'),
  decisionTo: v.t('contracts.round.decisionTo'),
  organisationId: v.t('contracts.subcontractor'),
  providerKind: v.t('contracts.providerKind'),
  proposedDecision: v.t('contracts.proposedDecision'),
  proposedOn: v.t('contracts.proposedOn'),
  conversationOn: v.t('contracts.conversationOn'),
  concerns: v.t('contracts.concerns'),
  wishes: v.t('contracts.wishes'),
  finalDecision: v.t('contracts.finalDecision'),
  finalOn: v.t('contracts.finalOn'),
  sameWorker: v.t('contracts.transfer.sameWorker'),
  newWorker: v.t('contracts.transfer.newWorker'),
  completed: v.t('contracts.transfer.completed'),
});

export const val = (values: FormBody, k: string, fallback = '') => (k in values ? str(values, k) : fallback);
const Warnings = ({ v, s }: { v: View; s: SubcontractorView }) => (s.warnings.length ? <>{s.warnings.map((w) => v.t(`contracts.warn.${w}`)).join(' ')}</> : <>{''}</>);
const Timeline = ({ v, r }: { v: View; r: RoundView }) => (
  <Facts
    items={[
      [v.t('contracts.round.proposal'), `${fmtDate(v, r.proposalFrom)} – ${fmtDate(v, r.proposalTo)}`],
      [v.t('contracts.round.conversations'), `${fmtDate(v, r.conversationsFrom)} – ${fmtDate(v, r.conversationsTo)}`],
      [v.t('contracts.round.decision'), `${fmtDate(v, r.decisionFrom)} – ${fmtDate(v, r.decisionTo)}`],
      ...(r.note ? ([[v.t('contracts.note'), r.note]] satisfies [string, string][]) : []),
    ]}
  />
);

async function listPage(c: Context<AppEnv>, values: FormBody, errors: FieldError[]) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const list = await listContracts(ctx);
  const manages = managesContracts(v.actor);
  const orgs = manages ? (await listOrganisations(ctx)).filter((o) => o.type === 'cooperative' || o.type === 'core-partner') : [];
  return c.html(
    <Layout v={v} title={v.t('contracts.title')}>
      <H1>{v.t('contracts.title')}</H1>
      <P>{v.t('contracts.intro')}</P>
      {list.length === 0 ? (
        <P>{v.t('contracts.none')}</P>
      ) : (
        <Table
          id="opdrachten-tabel"
          caption={v.t('contracts.title')}
          head={[v.t('contracts.name'), v.t('contracts.contractor'), v.t('contracts.period')]}
          rows={list.map((k) => [<A href={`/opdrachten/${k.id}`}>{k.name}</A>, k.contractorName, `${fmtDate(v, k.startsOn)} – ${k.endsOn ? fmtDate(v, k.endsOn) : v.t('contracts.noEnd')}`])}
        />
      )}
      {manages && (
        <>
          <H2 id="nieuw">{v.t('contracts.new')}</H2>
          <form method="post" action="/opdrachten" class="sb-form" novalidate>
            <Csrf v={v} />
            <ErrorSummary v={v} errors={errors} />
            <TextField name="name" label={v.t('contracts.name')} value={val(values, 'name')} errors={errors} required />
            <Select name="contractorOrganisationId" label={v.t('contracts.contractor')} value={val(values, 'contractorOrganisationId')} errors={errors} options={[{ value: '', label: v.t('contracts.choose') }, ...orgs.map((o) => ({ value: o.id, label: o.name }))]} />
            <TextField name="signedOn" type="date" label={v.t('contracts.signedOn')} value={val(values, 'signedOn')} errors={errors} />
            <TextField name="startsOn" type="date" label={v.t('contracts.startsOn')} value={val(values, 'startsOn')} errors={errors} required />
            <TextField name="endsOn" type="date" label={v.t('contracts.endsOn')} value={val(values, 'endsOn')} errors={errors} />
            <TextField name="source" label={v.t('contracts.source')} value={val(values, 'source')} errors={errors} />
            <TextArea name="note" label={v.t('contracts.note')} value={val(values, 'note')} errors={errors} />
            <div>
              <Submit>{v.t('contracts.save')}</Submit>
            </div>
          </form>
        </>
      )}
    </Layout>,
    errors.length ? 400 : 200,
  );
}

async function contractPage(c: Context<AppEnv>, values: FormBody, errors: FieldError[]) {
  const v = viewOf(c);
  const { contract: k, rounds } = await getContract(c.get('ctx'), c.req.param('id')!);
  return c.html(
    <Layout v={v} title={k.name}>
      <Breadcrumbs v={v} items={[{ href: '/opdrachten', label: v.t('contracts.title') }]} />
      <H1>{k.name}</H1>
      {c.req.query('klaar') === 'opgeslagen' && <Alert type="ok">{v.t('contracts.saved')}</Alert>}
      <dl class="sb-facts">
        <dt>{v.t('contracts.contractor')}</dt>
        <dd>{k.contractorName}</dd>
        {k.signedOn && (
          <>
            <dt>{v.t('contracts.signedOn')}</dt>
            <dd>{fmtDate(v, k.signedOn)}</dd>
          </>
        )}
        <dt>{v.t('contracts.period')}</dt>
        <dd>{`${fmtDate(v, k.startsOn)} – ${k.endsOn ? fmtDate(v, k.endsOn) : v.t('contracts.noEnd')}`}</dd>
        {k.source && (
          <>
            <dt>{v.t('contracts.source')}</dt>
            <dd>{k.source}</dd>
          </>
        )}
        {k.note && (
          <>
            <dt>{v.t('contracts.note')}</dt>
            <dd class="sb-pre-line">{k.note}</dd>
          </>
        )}
      </dl>
      {managesContracts(v.actor) && (
        <P>
          <A href={`/opdrachten/${k.id}/wijzigen`}>{v.t('contracts.edit')}</A>
        </P>
      )}
      <H2>{v.t('contracts.rounds')}</H2>
      {rounds.length === 0 ? (
        <P>{v.t('contracts.noRounds')}</P>
      ) : (
        <Table
          id="rondes-tabel"
          caption={v.t('contracts.rounds')}
          head={[v.t('contracts.round.year'), v.t('contracts.round.proposal'), v.t('contracts.round.conversations'), v.t('contracts.round.decision')]}
          rows={rounds.map((r) => [
            <A href={`/opdrachten/rondes/${r.id}`}>{v.t('contracts.round.title', { year: r.year })}</A>,
            `${fmtDate(v, r.proposalFrom)} – ${fmtDate(v, r.proposalTo)}`,
            `${fmtDate(v, r.conversationsFrom)} – ${fmtDate(v, r.conversationsTo)}`,
            `${fmtDate(v, r.decisionFrom)} – ${fmtDate(v, r.decisionTo)}`,
          ])}
        />
      )}
      {managesContracts(v.actor) && (
        <>
          <H2 id="nieuwe-ronde">{v.t('contracts.round.new')}</H2>
          <P>{v.t('contracts.round.newIntro')}</P>
          <form method="post" action={`/opdrachten/${k.id}/rondes`} class="sb-form" novalidate>
            <Csrf v={v} />
            <ErrorSummary v={v} errors={errors} />
            <TextField name="year" type="number" label={v.t('contracts.round.year')} value={val(values, 'year')} errors={errors} required />
            {(['proposalFrom', 'proposalTo', 'conversationsFrom', 'conversationsTo', 'decisionFrom', 'decisionTo'] as const).map((f) => (
              <TextField name={f} type="date" label={labels(v)[f]} value={val(values, f)} errors={errors} required />
            ))}
            <TextArea name="note" label={v.t('contracts.note')} value={val(values, 'note')} errors={errors} />
            <div>
              <Submit>{v.t('contracts.round.save')}</Submit>
            </div>
          </form>
        </>
      )}
    </Layout>,
    errors.length ? 400 : 200,
  );
}

async function roundPage(c: Context<AppEnv>, values: FormBody, errors: FieldError[]) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const d = await getRound(ctx, c.req.param('id')!);
  const adds = managesContracts(v.actor) || decidesSubcontractors(v.actor, d.contract);
  const taken = new Set([d.contract.contractorOrganisationId, ...d.subcontractors.map((s) => s.organisationId)]);
  const candidates = adds ? (await listOrganisations(ctx)).filter((o) => !taken.has(o.id) && o.type !== 'municipality') : [];
  const kinds = [...new Set(d.subcontractors.map((s) => s.providerKind))];
  const warned = d.subcontractors.filter((s) => s.warnings.length).length;
  return c.html(
    <Layout v={v} title={`${d.contract.name}: ${v.t('contracts.round.title', { year: d.round.year })}`}>
      <Breadcrumbs v={v} items={[{ href: '/opdrachten', label: v.t('contracts.title') }, { href: `/opdrachten/${d.contract.id}`, label: d.contract.name }]} />
      <H1>{`${d.contract.name}: ${v.t('contracts.round.title', { year: d.round.year })}`}</H1>
      {c.req.query('klaar') === 'opgeslagen' && <Alert type="ok">{v.t('contracts.saved')}</Alert>}
      <P>{v.t('contracts.round.intro', { contractor: d.contract.contractorName, year: d.round.year })}</P>
      <Timeline v={v} r={d.round} />
      {managesContracts(v.actor) && (
        <P>
          <A href={`/opdrachten/rondes/${d.round.id}/wijzigen`}>{v.t('contracts.round.edit')}</A>
        </P>
      )}
      {warned > 0 && <Alert type="warning">{v.t('contracts.warnedAlert', { n: warned })}</Alert>}
      <H2 id="reductie">{v.t('contracts.reduction.title')}</H2>
      <Table
        id="reductie-tabel"
          caption={v.t('contracts.reduction.title')}
        head={[v.t('contracts.providerKind'), v.t('contracts.reduction.total'), v.t('contracts.decision.continue'), v.t('contracts.decision.transition'), v.t('contracts.decision.stop'), v.t('contracts.undecided'), v.t('contracts.reduction.share')]}
        rows={[...d.byKind, { ...d.totals, providerKind: v.t('contracts.reduction.all') }].map((k) => [k.providerKind, String(k.total), String(k.continue), String(k.transition), String(k.stop), String(k.undecided), pct(v, k.reduction)])}
      />
      <H2 id="inwoners">{v.t('contracts.transfer.title')}</H2>
      <P>{v.t('contracts.transfer.intro')}</P>
      <Table
        id="overdracht-tabel"
          caption={v.t('contracts.transfer.title')}
        head={[v.t('contracts.transfer.status'), v.t('contracts.transfer.count')]}
        rows={[
          [v.t('contracts.transfer.affected'), count(v, d.transfers.affected)],
          [v.t('contracts.transfer.sameWorker'), String(d.transfers.sameWorker)],
          [v.t('contracts.transfer.newWorker'), String(d.transfers.newWorker)],
          [v.t('contracts.transfer.inProgress'), String(d.transfers.inProgress)],
          [v.t('contracts.transfer.completed'), String(d.transfers.completed)],
        ]}
      />
      <H2 id="onderaannemers">{v.t('contracts.subcontractors')}</H2>
      {d.subcontractors.length === 0 ? (
        <P>{v.t('contracts.noSubcontractors')}</P>
      ) : (
        <Table
          id="onderaannemers-tabel"
          caption={v.t('contracts.subcontractors')}
          head={[v.t('contracts.subcontractor'), v.t('contracts.providerKind'), v.t('contracts.proposedDecision'), v.t('contracts.conversationOn'), v.t('contracts.finalDecision'), v.t('contracts.transfer.affected'), v.t('contracts.warnings')]}
          rows={d.subcontractors.map((s) => [
            <A href={`/opdrachten/onderaannemers/${s.id}`}>{s.organisationName}</A>,
            s.providerKind,
            `${decisionText(v, s.proposedDecision)}${s.proposedOn ? ` (${fmtDate(v, s.proposedOn)})` : ''}`,
            fmtDate(v, s.conversationOn),
            `${decisionText(v, s.finalDecision)}${s.finalOn ? ` (${fmtDate(v, s.finalOn)})` : ''}`,
            count(v, s.residentsAffected),
            <Warnings v={v} s={s} />,
          ])}
        />
      )}
      {adds && (
        <>
          <H2 id="toevoegen">{v.t('contracts.add')}</H2>
          <form method="post" action={`/opdrachten/rondes/${d.round.id}/onderaannemers`} class="sb-form" novalidate>
            <Csrf v={v} />
            <ErrorSummary v={v} errors={errors} />
            <Select name="organisationId" label={v.t('contracts.subcontractor')} value={val(values, 'organisationId')} errors={errors} options={[{ value: '', label: v.t('contracts.choose') }, ...candidates.map((o) => ({ value: o.id, label: o.name }))]} />
            <TextField name="providerKind" label={v.t('contracts.providerKind')} description={kinds.length ? v.t('contracts.providerKindHint', { kinds: kinds.join(', ') }) : undefined} value={val(values, 'providerKind')} errors={errors} required />
            <div>
              <Submit>{v.t('contracts.addSave')}</Submit>
            </div>
          </form>
        </>
      )}
    </Layout>,
    errors.length ? 400 : 200,
  );
}

async function subcontractorPage(c: Context<AppEnv>, values: FormBody, errors: FieldError[], form?: 'decision' | 'transfer') {
  const v = viewOf(c);
  const { contract, round, subcontractor: s } = await getSubcontractor(c.get('ctx'), c.req.param('id')!);
  const decides = decidesSubcontractors(v.actor, contract);
  const errs = (f: 'decision' | 'transfer') => (form === f ? errors : []);
  const vals = (f: 'decision' | 'transfer') => (form === f ? values : {});
  const options = [{ value: '', label: v.t('contracts.undecided') }, ...decisions.map((d) => ({ value: d, label: v.t(`contracts.decision.${d}`) }))];
  const stopping = s.decision === 'stop' || s.decision === 'transition';
  return c.html(
    <Layout v={v} title={s.organisationName}>
      <Breadcrumbs v={v} items={[{ href: '/opdrachten', label: v.t('contracts.title') }, { href: `/opdrachten/${contract.id}`, label: contract.name }, { href: `/opdrachten/rondes/${round.id}`, label: v.t('contracts.round.title', { year: round.year }) }]} />
      <H1>{s.organisationName}</H1>
      {c.req.query('klaar') === 'opgeslagen' && <Alert type="ok">{v.t('contracts.saved')}</Alert>}
      {s.warnings.length > 0 && (
        <Alert type="warning">
          <Warnings v={v} s={s} />
        </Alert>
      )}
      <Facts
        items={[
          [v.t('contracts.providerKind'), s.providerKind],
          [v.t('contracts.proposedDecision'), `${decisionText(v, s.proposedDecision)}${s.proposedOn ? ` (${fmtDate(v, s.proposedOn)})` : ''}`],
          [v.t('contracts.conversationOn'), fmtDate(v, s.conversationOn) || v.t('contracts.notYet')],
          [v.t('contracts.finalDecision'), `${decisionText(v, s.finalDecision)}${s.finalOn ? ` (${fmtDate(v, s.finalOn)})` : ''}`],
          ...(stopping
            ? ([
                [v.t('contracts.transfer.affected'), `${count(v, s.residentsAffected)} ${v.t('contracts.transfer.affectedHint')}`],
                [v.t('contracts.transfer.title'), v.t('contracts.transfer.summary', { same: s.transfer.sameWorker, changed: s.transfer.newWorker, completed: s.transfer.completed })],
              ] satisfies [string, string][])
            : []),
        ]}
      />
      <H2>{v.t('contracts.round.timeline')}</H2>
      <Timeline v={v} r={round} />
      {decides ? (
        <>
          <H2 id="besluit">{v.t('contracts.decisionForm')}</H2>
          <form method="post" action={`/opdrachten/onderaannemers/${s.id}`} class="sb-form" novalidate>
            <Csrf v={v} />
            <ErrorSummary v={v} errors={errs('decision')} />
            <TextField name="providerKind" label={v.t('contracts.providerKind')} value={val(vals('decision'), 'providerKind', s.providerKind)} errors={errs('decision')} required />
            <Select name="proposedDecision" label={v.t('contracts.proposedDecision')} value={val(vals('decision'), 'proposedDecision', s.proposedDecision ?? '')} errors={errs('decision')} options={options} />
            <TextField name="proposedOn" type="date" label={v.t('contracts.proposedOn')} value={val(vals('decision'), 'proposedOn', s.proposedOn ?? '')} errors={errs('decision')} />
            <TextField name="conversationOn" type="date" label={v.t('contracts.conversationOn')} value={val(vals('decision'), 'conversationOn', s.conversationOn ?? '')} errors={errs('decision')} />
            <TextArea name="concerns" label={v.t('contracts.concerns')} value={val(vals('decision'), 'concerns', s.concerns)} errors={errs('decision')} />
            <TextArea name="wishes" label={v.t('contracts.wishes')} value={val(vals('decision'), 'wishes', s.wishes)} errors={errs('decision')} />
            <Select name="finalDecision" label={v.t('contracts.finalDecision')} value={val(vals('decision'), 'finalDecision', s.finalDecision ?? '')} errors={errs('decision')} options={options} />
            <TextField name="finalOn" type="date" label={v.t('contracts.finalOn')} value={val(vals('decision'), 'finalOn', s.finalOn ?? '')} errors={errs('decision')} />
            <div>
              <Submit>{v.t('contracts.decisionSave')}</Submit>
            </div>
          </form>
          {stopping && (
            <>
              <H2 id="overdracht">{v.t('contracts.transfer.title')}</H2>
              <P>{v.t('contracts.transfer.formIntro')}</P>
              <form method="post" action={`/opdrachten/onderaannemers/${s.id}/overdracht`} class="sb-form" novalidate>
                <Csrf v={v} />
                <ErrorSummary v={v} errors={errs('transfer')} />
                <TextField name="sameWorker" type="number" label={v.t('contracts.transfer.sameWorker')} value={val(vals('transfer'), 'sameWorker', String(s.transfer.sameWorker))} errors={errs('transfer')} />
                <TextField name="newWorker" type="number" label={v.t('contracts.transfer.newWorker')} value={val(vals('transfer'), 'newWorker', String(s.transfer.newWorker))} errors={errs('transfer')} />
                <TextField name="completed" type="number" label={v.t('contracts.transfer.completed')} value={val(vals('transfer'), 'completed', String(s.transfer.completed))} errors={errs('transfer')} />
                <div>
                  <Submit>{v.t('contracts.transfer.save')}</Submit>
                </div>
              </form>
            </>
          )}
        </>
      ) : (
        <>
          {s.concerns && (
            <>
              <H2>{v.t('contracts.concerns')}</H2>
              <P>{s.concerns}</P>
            </>
          )}
          {s.wishes && (
            <>
              <H2>{v.t('contracts.wishes')}</H2>
              <P>{s.wishes}</P>
            </>
          )}
        </>
      )}
    </Layout>,
    errors.length ? 400 : 200,
  );
}

export function registerContractPages(app: OpenAPIHono<AppEnv>) {
  app.get('/opdrachten', (c) => listPage(c, {}, []));
  app.post('/opdrachten', async (c) => {
    const v = viewOf(c);
    const b = await readForm(c);
    try {
      const k = await createContract(c.get('ctx'), { name: str(b, 'name'), contractorOrganisationId: str(b, 'contractorOrganisationId'), signedOn: str(b, 'signedOn'), startsOn: str(b, 'startsOn'), endsOn: str(b, 'endsOn'), source: str(b, 'source'), note: str(b, 'note') });
      return c.redirect(`/opdrachten/${k.id}`, 303);
    } catch (err) {
      return listPage(c, b, formErrors(err, v.lang, labels(v)));
    }
  });
  app.get(CONTRACT_PATH, (c) => contractPage(c, {}, []));
  app.post(`${CONTRACT_PATH}/rondes`, async (c) => {
    const v = viewOf(c);
    const b = await readForm(c);
    try {
      const r = await createRound(c.get('ctx'), c.req.param('id')!, {
        year: str(b, 'year'),
        proposalFrom: str(b, 'proposalFrom'),
        proposalTo: str(b, 'proposalTo'),
        conversationsFrom: str(b, 'conversationsFrom'),
        conversationsTo: str(b, 'conversationsTo'),
        decisionFrom: str(b, 'decisionFrom'),
        decisionTo: str(b, 'decisionTo'),
        note: str(b, 'note'),
      });
      return c.redirect(`/opdrachten/rondes/${r.id}`, 303);
    } catch (err) {
      return contractPage(c, b, formErrors(err, v.lang, labels(v)));
    }
  });
  app.get(ROUND_PATH, (c) => roundPage(c, {}, []));
  app.post(`${ROUND_PATH}/onderaannemers`, async (c) => {
    const v = viewOf(c);
    const b = await readForm(c);
    try {
      const s = await addSubcontractor(c.get('ctx'), c.req.param('id')!, { organisationId: str(b, 'organisationId'), providerKind: str(b, 'providerKind') });
      return c.redirect(`/opdrachten/onderaannemers/${s.id}`, 303);
    } catch (err) {
      return roundPage(c, b, formErrors(err, v.lang, labels(v)));
    }
  });
  app.get(SUBCONTRACTOR_PATH, (c) => subcontractorPage(c, {}, []));
  app.post(SUBCONTRACTOR_PATH, async (c) => {
    const v = viewOf(c);
    const b = await readForm(c);
    const id = c.req.param('id')!;
    try {
      await recordDecision(c.get('ctx'), id, {
        providerKind: str(b, 'providerKind'),
        proposedDecision: str(b, 'proposedDecision') as never,
        proposedOn: str(b, 'proposedOn'),
        conversationOn: str(b, 'conversationOn'),
        concerns: str(b, 'concerns'),
        wishes: str(b, 'wishes'),
        finalDecision: str(b, 'finalDecision') as never,
        finalOn: str(b, 'finalOn'),
      });
      return c.redirect(`/opdrachten/onderaannemers/${id}?klaar=opgeslagen`, 303);
    } catch (err) {
      return subcontractorPage(c, b, formErrors(err, v.lang, labels(v)), 'decision');
    }
  });
  app.post(`${SUBCONTRACTOR_PATH}/overdracht`, async (c) => {
    const v = viewOf(c);
    const b = await readForm(c);
    const id = c.req.param('id')!;
    try {
      await recordTransfer(c.get('ctx'), id, { sameWorker: str(b, 'sameWorker'), newWorker: str(b, 'newWorker'), completed: str(b, 'completed') });
      return c.redirect(`/opdrachten/onderaannemers/${id}?klaar=opgeslagen#overdracht`, 303);
    } catch (err) {
      return subcontractorPage(c, b, formErrors(err, v.lang, labels(v)), 'transfer');
    }
  });
}
