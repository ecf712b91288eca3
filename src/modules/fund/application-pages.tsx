/** @jsxImportSource hono/jsx */
// One application: what the organisation answered, its status, the decision (amount and letter), its contact person,
// extra budget agreed in a conversation, payments and the support it received. The fund's managers decide and follow
// up on the same page; the organisation sees its own application and decision.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Facts, Layout, viewOf, H1, H2, P, Alert, ErrorSummary, TextField, TextArea, Select, Csrf, Submit, Table, Breadcrumbs, type View } from '../../platform/ui/page.tsx';
import { readForm, str, formErrors, type FormBody } from '../../platform/ui/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { getApplication, decideApplication, setContact, recordExtraBudget, recordPayment, listContactCandidates } from './applications.ts';
import { managesFund, APPLICATION_PATH } from './policy.ts';
import { today } from './years.ts';
import { centsForInput } from './money.ts';
import { amountField, statusText } from './fund-pages.tsx';
import { fmtDate, euro, Flag } from './ui.tsx';

type Form = 'decision' | 'contact' | 'extra' | 'payment';

const labels = (v: View) => ({
  grantedCents: v.t('fund.granted'),
  letterText: v.t('fund.letter'),
  decidedOn: v.t('fund.decidedOn'),
  contactUserId: v.t('fund.contact'),
  conversationOn: v.t('fund.extra.conversationOn'),
  notes: v.t('fund.extra.notes'),
  agreedCents: v.t('fund.extra.agreed'),
  paidOn: v.t('fund.payment.paidOn'),
  amountCents: v.t('fund.payment.amount'),
  reference: v.t('fund.payment.reference'),
});

async function detail(c: Context<AppEnv>, values: FormBody, errors: FieldError[], form?: Form) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const a = await getApplication(ctx, c.req.param('id')!);
  const manages = managesFund(v.actor, a.fund);
  const candidates = manages ? await listContactCandidates(ctx) : [];
  const notice = c.req.query('klaar');
  const val = (f: Form, k: string, fallback = '') => (form === f && k in values ? str(values, k) : fallback);
  const errs = (f: Form) => (form === f ? errors : []);
  return c.html(
    <Layout v={v} title={v.t('fund.application.title', { organisation: a.organisationName, year: a.year })}>
      <Breadcrumbs v={v} items={manages ? [{ href: '/fonds', label: v.t('fund.title') }, { href: `/fonds/${a.year}`, label: v.t('fund.yearTitle', { year: a.year }) }] : [{ href: '/fonds', label: v.t('fund.title') }]} />
      <H1>{v.t('fund.application.title', { organisation: a.organisationName, year: a.year })}</H1>
      {notice === 'verstuurd' && <Alert type="ok">{v.t('fund.application.sent', { deadline: fmtDate(v, a.decisionDeadline) })}</Alert>}
      {notice === 'opgeslagen' && <Alert type="ok">{v.t('fund.saved')}</Alert>}
      {a.overdue && <Alert type="warning">{v.t('fund.application.overdue', { date: fmtDate(v, a.decisionDeadline) })}</Alert>}
      <Facts
        items={[
          [
            v.t('fund.status'),
            <>
              {statusText(v, a)}
              {a.overdue && (
                <>
                  {' '}
                  <Flag>{v.t('fund.overdue')}</Flag>
                </>
              )}
            </>,
          ],
          [v.t('fund.submittedAt'), a.submittedAt ? fmtDate(v, a.submittedAt.slice(0, 10)) : v.t('fund.notYet')],
          [v.t('fund.decisionDeadline'), fmtDate(v, a.decisionDeadline)],
          [v.t('fund.contact'), a.contact ? `${a.contact.name} (${a.contact.email})` : v.t('fund.contactNone')],
          [v.t('fund.guaranteed'), euro(v, a.guaranteedCents)],
          [v.t('fund.requested'), euro(v, a.requestedCents) || v.t('fund.notYet')],
        ]}
      />
      <H2>{v.t('fund.application.answers')}</H2>
      <dl class="sb-facts">
        <dt>{v.t('fund.q.wie')}</dt>
        <dd class="sb-pre-line">{a.whoWeAre}</dd>
        <dt>{v.t('fund.q.wat')}</dt>
        <dd class="sb-pre-line">{a.whatWeDo}</dd>
        <dt>{v.t('fund.q.voor-wie')}</dt>
        <dd class="sb-pre-line">{a.forWhom}</dd>
      </dl>
      <H2 id="besluit">{v.t('fund.decision')}</H2>
      {a.status === 'decided' ? (
        <>
          <Facts items={[[v.t('fund.granted'), euro(v, a.grantedCents)], [v.t('fund.decidedOn'), fmtDate(v, a.decidedOn)]]} />
          <H2>{v.t('fund.letter')}</H2>
          <div class="sb-card sb-pre-line">{a.letterText}</div>
        </>
      ) : (
        <P>{v.t('fund.decisionPending', { date: fmtDate(v, a.decisionDeadline) })}</P>
      )}
      {a.extraBudgets.length > 0 && (
        <Table
          id="extra-tabel"
          caption={v.t('fund.extra.title')}
          head={[v.t('fund.extra.conversationOn'), v.t('fund.extra.agreed'), ...(manages ? [v.t('fund.extra.notes')] : [])]}
          rows={a.extraBudgets.map((x) => [fmtDate(v, x.conversationOn), euro(v, x.agreedCents), ...(manages ? [<span class="sb-pre-line">{x.notes ?? ''}</span>] : [])])}
        />
      )}
      {a.status === 'decided' && <Facts items={[[v.t('fund.total'), euro(v, a.totalCents)], [v.t('fund.paid'), euro(v, a.paidCents)], [v.t('fund.toPay'), euro(v, a.totalCents - a.paidCents)]]} />}
      {a.payments.length > 0 && (
        <Table id="betalingen-tabel" caption={v.t('fund.payment.title')} head={[v.t('fund.payment.paidOn'), v.t('fund.payment.amount'), v.t('fund.payment.reference')]} rows={a.payments.map((p) => [fmtDate(v, p.paidOn), euro(v, p.amountCents), p.reference])} />
      )}
      {a.support.length > 0 && (
        <Table id="ondersteuning-tabel" caption={v.t('fund.support.received')} head={[v.t('fund.support.kind'), v.t('fund.support.givenOn'), v.t('fund.support.description')]} rows={a.support.map((s) => [v.t(`fund.support.kind.${s.kind}`), fmtDate(v, s.givenOn), s.description])} />
      )}
      {manages && a.status !== 'draft' && (
        <>
          <H2 id="beslissen">{a.status === 'decided' ? v.t('fund.decide.change') : v.t('fund.decide.title')}</H2>
          <P>{v.t('fund.decide.intro', { amount: euro(v, Math.min(a.guaranteedCents, a.requestedCents ?? a.guaranteedCents)) })}</P>
          <form method="post" action={`/fonds/aanvragen/${a.id}/besluit`} class="sb-form" novalidate>
            <Csrf v={v} />
            <ErrorSummary v={v} errors={errs('decision')} />
            <TextField name="grantedCents" label={v.t('fund.granted')} description={v.t('fund.amountHint')} value={val('decision', 'grantedCents', centsForInput(a.grantedCents ?? a.requestedCents))} errors={errs('decision')} required />
            <TextArea name="letterText" label={v.t('fund.letter')} rows={8} value={val('decision', 'letterText', a.letterText || v.t('fund.decide.letterDraft', { organisation: a.organisationName, year: a.year }))} errors={errs('decision')} required />
            <TextField name="decidedOn" type="date" label={v.t('fund.decidedOn')} value={val('decision', 'decidedOn', a.decidedOn ?? today(c.get('ctx')))} errors={errs('decision')} />
            <div>
              <Submit>{v.t('fund.decide.save')}</Submit>
            </div>
          </form>
        </>
      )}
      {manages && (
        <>
          <H2 id="contactpersoon">{v.t('fund.contact')}</H2>
          <form method="post" action={`/fonds/aanvragen/${a.id}/contactpersoon`} class="sb-form" novalidate>
            <Csrf v={v} />
            <ErrorSummary v={v} errors={errs('contact')} />
            <Select name="contactUserId" label={v.t('fund.contact')} value={val('contact', 'contactUserId', a.contact?.userId ?? '')} errors={errs('contact')} options={[{ value: '', label: v.t('fund.choose') }, ...candidates.map((u) => ({ value: u.id, label: u.name }))]} />
            <div>
              <Submit>{v.t('fund.contactSave')}</Submit>
            </div>
          </form>
        </>
      )}
      {manages && a.status === 'decided' && (
        <>
          <H2 id="extra">{v.t('fund.extra.title')}</H2>
          <P>{v.t('fund.extra.intro')}</P>
          <form method="post" action={`/fonds/aanvragen/${a.id}/extra`} class="sb-form" novalidate>
            <Csrf v={v} />
            <ErrorSummary v={v} errors={errs('extra')} />
            <TextField name="conversationOn" type="date" label={v.t('fund.extra.conversationOn')} value={val('extra', 'conversationOn')} errors={errs('extra')} required />
            <TextArea name="notes" label={v.t('fund.extra.notes')} value={val('extra', 'notes')} errors={errs('extra')} required />
            <TextField name="agreedCents" label={v.t('fund.extra.agreed')} description={v.t('fund.amountHint')} value={val('extra', 'agreedCents')} errors={errs('extra')} required />
            <div>
              <Submit>{v.t('fund.extra.save')}</Submit>
            </div>
          </form>
          <H2 id="betalingen">{v.t('fund.payment.title')}</H2>
          <form method="post" action={`/fonds/aanvragen/${a.id}/betalingen`} class="sb-form" novalidate>
            <Csrf v={v} />
            <ErrorSummary v={v} errors={errs('payment')} />
            <TextField name="paidOn" type="date" label={v.t('fund.payment.paidOn')} value={val('payment', 'paidOn', today(c.get('ctx')))} errors={errs('payment')} required />
            <TextField name="amountCents" label={v.t('fund.payment.amount')} description={v.t('fund.amountHint')} value={val('payment', 'amountCents', centsForInput(Math.max(0, a.totalCents - a.paidCents)))} errors={errs('payment')} required />
            <TextField name="reference" label={v.t('fund.payment.reference')} value={val('payment', 'reference')} errors={errs('payment')} />
            <div>
              <Submit>{v.t('fund.payment.save')}</Submit>
            </div>
          </form>
        </>
      )}
    </Layout>,
    errors.length ? 400 : 200,
  );
}

export function registerApplicationPages(app: OpenAPIHono<AppEnv>) {
  app.get(APPLICATION_PATH, (c) => detail(c, {}, []));
  const post = (suffix: string, form: Form, run: (c: Context<AppEnv>, b: FormBody, v: View) => Promise<{ fix: (e: FieldError[]) => FieldError[] }>, anchor: string) =>
    app.post(`${APPLICATION_PATH}/${suffix}`, async (c) => {
      const v = viewOf(c);
      const b = await readForm(c);
      let fix = (e: FieldError[]) => e;
      try {
        ({ fix } = await run(c, b, v));
        return c.redirect(`/fonds/aanvragen/${c.req.param('id')}?klaar=opgeslagen#${anchor}`, 303);
      } catch (err) {
        const amount = form === 'decision' ? amountField(v, b, 'grantedCents', 'fund.granted') : form === 'extra' ? amountField(v, b, 'agreedCents', 'fund.extra.agreed') : form === 'payment' ? amountField(v, b, 'amountCents', 'fund.payment.amount') : null;
        fix = amount ? amount.fix : fix;
        return detail(c, b, fix(formErrors(err, v.lang, labels(v))), form);
      }
    });
  post(
    'besluit',
    'decision',
    async (c, b, v) => {
      const amount = amountField(v, b, 'grantedCents', 'fund.granted');
      await decideApplication(c.get('ctx'), c.req.param('id')!, { grantedCents: amount.cents as number, letterText: str(b, 'letterText'), decidedOn: str(b, 'decidedOn') || undefined });
      return amount;
    },
    'besluit',
  );
  post(
    'contactpersoon',
    'contact',
    async (c, b) => {
      await setContact(c.get('ctx'), c.req.param('id')!, { contactUserId: str(b, 'contactUserId') });
      return { fix: (e) => e };
    },
    'contactpersoon',
  );
  post(
    'extra',
    'extra',
    async (c, b, v) => {
      const amount = amountField(v, b, 'agreedCents', 'fund.extra.agreed');
      await recordExtraBudget(c.get('ctx'), c.req.param('id')!, { conversationOn: str(b, 'conversationOn'), notes: str(b, 'notes'), agreedCents: amount.cents as number });
      return amount;
    },
    'extra',
  );
  post(
    'betalingen',
    'payment',
    async (c, b, v) => {
      const amount = amountField(v, b, 'amountCents', 'fund.payment.amount');
      await recordPayment(c.get('ctx'), c.req.param('id')!, { paidOn: str(b, 'paidOn'), amountCents: amount.cents as number, reference: str(b, 'reference') });
      return amount;
    },
    'betalingen',
  );
}
