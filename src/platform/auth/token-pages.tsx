/** @jsxImportSource hono/jsx */
// API tokens in the browser: one's own at /account/tokens, everyone's at /beheer/tokens (administrators). Making a
// token shows it once; revoking asks for confirmation first. Plain forms and POSTs: everything works without JavaScript.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { Layout, viewOf, H1, H2, P, A, Alert, ErrorSummary, TextField, Select, Checkboxes, Csrf, Submit, Table, Breadcrumbs, type View } from '../ui/page.tsx';
import { readForm, str, list, formErrors, type FormBody } from '../ui/forms.ts';
import type { FieldError } from '../http/errors.ts';
import { formatDateTime } from '../i18n/index.ts';
import { dateFormat } from '../i18n/intl.ts';
import { organisationDirectory } from '../module.ts';
import { addDaysTo, amsterdamDate, createApiToken, getApiToken, listApiTokens, listTokenHolders, mayHoldTokens, revokeApiToken, tokenScopes, DEFAULT_VALID_DAYS, type ApiTokenView } from './api-tokens.ts';

type Where = { base: '/account/tokens' | '/beheer/tokens'; admin: boolean };
const own: Where = { base: '/account/tokens', admin: false };
const all: Where = { base: '/beheer/tokens', admin: true };

interface FormValues {
  name: string;
  scopes: string[];
  expiresOn: string;
  userId: string;
}
interface Shown {
  token: string;
  apiToken: ApiTokenView;
}

const labels = (v: View) => ({ name: v.t('tokens.name'), scopes: v.t('tokens.scopes'), expiresOn: v.t('tokens.expiresOn'), userId: v.t('tokens.holder') });
/** A day as people read it ("2 dec 2027"), Amsterdam time. */
const day = (v: View, d: Date) => dateFormat(v.lang === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'medium', timeZone: 'Europe/Amsterdam' }).format(d);
/** The last day a token works. */
const lastDay = (v: View, t: ApiTokenView) => (t.expiresAt ? day(v, new Date(t.expiresAt.getTime() - 1)) : '—');

const statusText = (v: View, t: ApiTokenView) =>
  t.status === 'revoked' ? v.t('tokens.status.revoked', { when: t.revokedAt ? formatDateTime(v.lang, t.revokedAt) : '—' }) : t.status === 'expired' ? v.t('tokens.status.expired') : v.t('tokens.status.active');

const RevokeButton = ({ v, w, t }: { v: View; w: Where; t: ApiTokenView }) => (
  <form method="post" action={`${w.base}/${t.id}/intrekken`}>
    <Csrf v={v} />
    <button type="submit" class="utrecht-button utrecht-button--secondary-action">
      {v.t('tokens.revoke')}
      <span class="sb-visually-hidden"> {v.t('tokens.revokeLabel', { name: t.name })}</span>
    </button>
  </form>
);

function tokenRows(v: View, w: Where, tokens: ApiTokenView[]) {
  return tokens.map((t) => [
    t.name,
    <code class="utrecht-code">{t.prefix}…</code>,
    ...(w.admin ? [<>{t.userName}<br />{t.userEmail}{t.organisationName ? <><br />{t.organisationName}</> : null}</>] : []),
    t.scopes.map((s) => v.t(`tokens.scopeShort.${s}`)).join(', '),
    day(v, t.createdAt),
    lastDay(v, t),
    t.lastUsedAt ? formatDateTime(v.lang, t.lastUsedAt) : v.t('tokens.neverUsed'),
    statusText(v, t),
    t.status === 'revoked' ? '—' : <RevokeButton v={v} w={w} t={t} />,
  ]);
}

/** The new token, shown this once, with how to use it. */
const NewToken = ({ v, shown, apiUrl }: { v: View; shown: Shown; apiUrl: string }) => (
  <section aria-labelledby="nieuwe-token">
    <div class="utrecht-alert utrecht-alert--ok" role="status">
      <div class="utrecht-alert__content">
        <h2 class="utrecht-heading-2" id="nieuwe-token">
          {v.t('tokens.createdTitle')}
        </h2>
        <P>{v.t('tokens.createdFor', { name: shown.apiToken.name, user: shown.apiToken.userName, date: lastDay(v, shown.apiToken) })}</P>
        <P>{v.t('tokens.createdOnce')}</P>
        <div class="sb-form sb-token-field">
          <TextField name="token" label={v.t('tokens.tokenLabel')} value={shown.token} autocomplete="off" />
        </div>
        <P>{v.t('tokens.example')}:</P>
        <pre class="sb-code-block">
          <code class="utrecht-code">{`curl -H "Authorization: Bearer ${shown.token}" ${apiUrl}/activities`}</code>
        </pre>
      </div>
    </div>
  </section>
);

async function tokensPage(c: Context<AppEnv>, w: Where, opts: { values?: FormValues; errors?: FieldError[]; shown?: Shown; notice?: string; status?: 200 | 201 | 400 | 409 } = {}) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const actor = v.actor!;
  const apiUrl = `${c.get('deps').config.PUBLIC_URL.replace(/\/$/, '')}/api/v1`;
  const tokens = await listApiTokens(ctx, { all: w.admin });
  const holders = w.admin ? await listTokenHolders(ctx) : [];
  const today = amsterdamDate(ctx.now());
  const values = opts.values ?? { name: '', scopes: ['read'], expiresOn: addDaysTo(today, DEFAULT_VALID_DAYS), userId: '' };
  const errors = opts.errors ?? [];
  const orgName = actor.organisationId ? ((await organisationDirectory()?.names(ctx, [actor.organisationId]))?.get(actor.organisationId) ?? '') : '';
  const mayHold = mayHoldTokens(actor.roles, actor.organisationId);
  const title = w.admin ? v.t('tokens.adminTitle') : v.t('tokens.title');
  const crumbs = w.admin ? [{ href: '/beheer', label: v.t('admin.title') }] : [{ href: '/account', label: v.t('account.title') }];
  return c.html(
    <Layout v={v} title={title}>
      <Breadcrumbs v={v} items={crumbs} />
      <H1>{title}</H1>
      {opts.notice && <Alert type="ok">{opts.notice}</Alert>}
      {opts.shown && <NewToken v={v} shown={opts.shown} apiUrl={apiUrl} />}
      <P>
        {w.admin
          ? v.t('tokens.introAdmin')
          : v.t('tokens.intro', { organisation: orgName ? v.t('tokens.yourOrganisation', { name: orgName }) : v.t('tokens.theMunicipality') })}
      </P>
      <P>{v.t('tokens.howToUse', { api: apiUrl })}</P>
      <P>
        <A href="/api/docs">{v.t('tokens.docsLink')}</A>
      </P>
      {tokens.length === 0 ? (
        <P>{v.t('tokens.none')}</P>
      ) : (
        <Table
          id="tokens"
          caption={title}
          head={[v.t('tokens.name'), v.t('tokens.prefix'), ...(w.admin ? [v.t('tokens.holder')] : []), v.t('tokens.scopesColumn'), v.t('tokens.created'), v.t('tokens.expiresOn'), v.t('tokens.lastUsed'), v.t('tokens.status'), v.t('tokens.action')]}
          rows={tokenRows(v, w, tokens)}
        />
      )}
      <H2 id="maken">{w.admin ? v.t('tokens.newForUser') : v.t('tokens.new')}</H2>
      {!w.admin && !mayHold ? (
        <Alert type="info">{v.t('tokens.noOrganisation')}</Alert>
      ) : (
        <form method="post" action={w.base} class="sb-form" novalidate>
          <Csrf v={v} />
          <ErrorSummary v={v} errors={errors} />
          {w.admin && (
            <Select
              name="userId"
              label={v.t('tokens.holder')}
              description={v.t('tokens.holderHint')}
              value={values.userId}
              errors={errors}
              options={holders.map((u) => ({ value: u.id, label: `${u.name} (${u.email})${u.organisationName ? ` — ${u.organisationName}` : ''}` }))}
            />
          )}
          <TextField name="name" label={v.t('tokens.name')} description={v.t('tokens.nameHint')} value={values.name} errors={errors} required autocomplete="off" />
          <Checkboxes name="scopes" label={v.t('tokens.scopes')} values={values.scopes} errors={errors} options={tokenScopes.map((s) => ({ value: s, label: v.t(`tokens.scope.${s}`) }))} />
          <TextField name="expiresOn" label={v.t('tokens.expiresOn')} description={v.t('tokens.expiresHint')} type="date" value={values.expiresOn} errors={errors} />
          <div>
            <Submit>{v.t('tokens.create')}</Submit>
          </div>
        </form>
      )}
    </Layout>,
    opts.status ?? 200,
  );
}

const formValues = (body: FormBody): FormValues => ({ name: str(body, 'name'), scopes: list(body, 'scopes'), expiresOn: str(body, 'expiresOn').trim(), userId: str(body, 'userId') });

async function create(c: Context<AppEnv>, w: Where) {
  const v = viewOf(c);
  const values = formValues(await readForm(c));
  try {
    const shown = await createApiToken(c.get('ctx'), { name: values.name, scopes: values.scopes, expiresOn: values.expiresOn || undefined, userId: w.admin ? values.userId || undefined : undefined });
    // Not a redirect: the token is in this answer only (never in a URL or stored); the page is not cached.
    return tokensPage(c, w, { shown, status: 201 });
  } catch (err) {
    return tokensPage(c, w, { values, errors: formErrors(err, v.lang, labels(v)), status: 400 });
  }
}

/** The first POST asks "are you sure?"; the form on that page confirms and revokes. */
async function revoke(c: Context<AppEnv>, w: Where) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const id = c.req.param('id') ?? '';
  const body = await readForm(c);
  if (str(body, 'bevestigd') === 'ja') {
    await revokeApiToken(ctx, id);
    return c.redirect(`${w.base}?ingetrokken=1`, 303);
  }
  const t = await getApiToken(ctx, id);
  return c.html(
    <Layout v={v} title={v.t('tokens.revokeTitle')}>
      <Breadcrumbs v={v} items={[...(w.admin ? [{ href: '/beheer', label: v.t('admin.title') }] : [{ href: '/account', label: v.t('account.title') }]), { href: w.base, label: w.admin ? v.t('tokens.adminTitle') : v.t('tokens.title') }]} />
      <H1>{v.t('tokens.revokeTitle')}</H1>
      <P>{v.t('tokens.revokeQuestion', { name: t.name, prefix: t.prefix, user: `${t.userName} (${t.userEmail})` })}</P>
      <form method="post" action={`${w.base}/${t.id}/intrekken`} class="sb-actions">
        <Csrf v={v} />
        <input type="hidden" name="bevestigd" value="ja" />
        <Submit>{v.t('tokens.revokeConfirm')}</Submit>
        <A href={w.base}>{v.t('tokens.revokeCancel')}</A>
      </form>
    </Layout>,
  );
}

export function registerTokenPages(app: OpenAPIHono<AppEnv>) {
  for (const w of [own, all]) {
    app.get(w.base, (c) => tokensPage(c, w, c.req.query('ingetrokken') ? { notice: viewOf(c).t('tokens.revoked') } : {}));
    app.post(w.base, (c) => create(c, w));
    app.post(`${w.base}/:id/intrekken`, (c) => revoke(c, w));
  }
}
