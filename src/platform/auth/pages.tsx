/** @jsxImportSource hono/jsx */
// Log in, log out, account, change password, reset password with a one-time link.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { setCookie, deleteCookie, getCookie } from 'hono/cookie';
import type { AppEnv } from '../http/env.ts';
import { Layout, viewOf, H1, P, A, Alert, ErrorSummary, TextField, Csrf, Submit, type View } from '../ui/page.tsx';
import { readForm, str, formErrors } from '../ui/forms.ts';
import { AppError, type FieldError } from '../http/errors.ts';
import { login, logout, changePassword, resetPassword, isResetTokenValid, DEVICE_TTL_DAYS } from './service.ts';
import { SESSION_COOKIE } from '../http/app.tsx';
import { sha256 } from './tokens.ts';
import { clientAddress } from '../http/client-address.ts';
import { sameOriginPath } from '../http/redirect.ts';
import { hasRole } from './roles.ts';

/** Browsers that logged in successfully before carry this cookie; failures made elsewhere do not lock them out. */
export const DEVICE_COOKIE = 'sb_device';

const safeBack = (s: string | undefined) => {
  const back = sameOriginPath(s, '/account');
  return back.startsWith('/inloggen') ? '/account' : back;
};

/** Hash of the client's address (socket, or from the trusted proxies in TRUST_PROXY). */
export function clientKey(c: Context<AppEnv>): string {
  return sha256(clientAddress(c, c.get('deps').config.TRUST_PROXY)).slice(0, 32);
}

const LoginForm = ({ v, email, back, errors }: { v: View; email: string; back: string; errors: FieldError[] }) => (
  <Layout v={v} title={v.t('login.title')}>
    <H1>{v.t('login.title')}</H1>
    <ErrorSummary v={v} errors={errors} />
    <form method="post" action="/inloggen" class="sb-form" novalidate>
      <Csrf v={v} />
      <input type="hidden" name="terug" value={back} />
      <TextField name="email" label={v.t('field.email')} type="email" autocomplete="username" value={email} errors={errors} required />
      <TextField name="password" label={v.t('field.password')} type="password" autocomplete="current-password" errors={errors} required />
      <div>
        <Submit>{v.t('login.submit')}</Submit>
      </div>
    </form>
    <P>{v.t('login.forgot')}</P>
  </Layout>
);

export function registerAuthPages(app: OpenAPIHono<AppEnv>) {
  app.get('/inloggen', (c) => {
    const v = viewOf(c);
    if (v.actor) return c.redirect('/account', 303);
    return c.html(<LoginForm v={v} email="" back={safeBack(c.req.query('terug'))} errors={[]} />);
  });

  app.post('/inloggen', async (c) => {
    const v = viewOf(c);
    const body = await readForm(c);
    const email = str(body, 'email');
    const back = safeBack(str(body, 'terug'));
    const missing: FieldError[] = [];
    if (!email.trim()) missing.push({ field: 'email', message: `${v.t('field.email')}: ${v.t('validation.required')}` });
    if (!str(body, 'password')) missing.push({ field: 'password', message: `${v.t('field.password')}: ${v.t('validation.required')}` });
    if (missing.length) return c.html(<LoginForm v={v} email={email} back={back} errors={missing} />, 400);
    try {
      const deps = c.get('deps');
      const secure = deps.config.PUBLIC_URL.startsWith('https://');
      const { token, deviceToken } = await login(c.get('ctx'), { email, password: str(body, 'password'), clientKey: clientKey(c), deviceToken: getCookie(c, DEVICE_COOKIE) }, deps.config.SESSION_TTL_HOURS);
      setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: deps.config.SESSION_TTL_HOURS * 3600 });
      setCookie(c, DEVICE_COOKIE, deviceToken, { httpOnly: true, sameSite: 'Lax', secure, path: '/inloggen', maxAge: DEVICE_TTL_DAYS * 24 * 3600 });
      return c.redirect(back, 303);
    } catch (err) {
      const status = err instanceof AppError && err.code === 'rate_limited' ? 429 : 400;
      return c.html(<LoginForm v={v} email={email} back={back} errors={formErrors(err, v.lang)} />, status);
    }
  });

  app.post('/uitloggen', async (c) => {
    const sid = c.get('sessionId');
    if (sid) await logout(c.get('ctx'), sid);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/', 303);
  });

  app.get('/account', (c) => {
    const v = viewOf(c);
    const a = v.actor!;
    return c.html(
      <Layout v={v} title={v.t('account.title')}>
        <H1>{v.t('account.title')}</H1>
        {c.req.query('gewijzigd') && <Alert type="ok">{v.t('account.passwordChanged')}</Alert>}
        <dl class="utrecht-data-list">
          <div class="utrecht-data-list__item">
            <dt class="utrecht-data-list__item-key">{v.t('field.name')}</dt>
            <dd class="utrecht-data-list__item-value">{a.name}</dd>
          </div>
          <div class="utrecht-data-list__item">
            <dt class="utrecht-data-list__item-key">{v.t('field.email')}</dt>
            <dd class="utrecht-data-list__item-value">{a.email}</dd>
          </div>
          <div class="utrecht-data-list__item">
            <dt class="utrecht-data-list__item-key">{v.t('field.roles')}</dt>
            <dd class="utrecht-data-list__item-value">{a.roles.map((r) => v.t(`role.${r}`)).join(', ') || '—'}</dd>
          </div>
        </dl>
        <P>
          <A href="/account/wachtwoord">{v.t('account.changePassword')}</A>
        </P>
        <P>
          <A href="/account/gegevens">{v.t('mydata.accountLink')}</A>
        </P>
        {hasRole(a, 'partner_staff', 'administrator') && (
          <P>
            <A href="/account/tokens">{v.t('tokens.accountLink')}</A>
          </P>
        )}
      </Layout>,
    );
  });

  const PasswordForm = ({ v, errors, action, withCurrent, title }: { v: View; errors: FieldError[]; action: string; withCurrent: boolean; title: string }) => (
    <Layout v={v} title={title}>
      <H1>{title}</H1>
      <ErrorSummary v={v} errors={errors} />
      <form method="post" action={action} class="sb-form" novalidate>
        <Csrf v={v} />
        {withCurrent && <TextField name="currentPassword" label={v.t('field.currentPassword')} type="password" autocomplete="current-password" errors={errors} required />}
        <TextField name="newPassword" label={v.t('field.newPassword')} description={v.t('field.newPasswordHint')} type="password" autocomplete="new-password" errors={errors} required />
        <TextField name="confirmPassword" label={v.t('field.confirmPassword')} type="password" autocomplete="new-password" errors={errors} required />
        <div>
          <Submit>{v.t('account.savePassword')}</Submit>
        </div>
      </form>
    </Layout>
  );

  const pwLabels = (v: View) => ({ currentPassword: v.t('field.currentPassword'), newPassword: v.t('field.newPassword'), confirmPassword: v.t('field.confirmPassword') });

  app.get('/account/wachtwoord', (c) => {
    const v = viewOf(c);
    return c.html(<PasswordForm v={v} errors={[]} action="/account/wachtwoord" withCurrent title={v.t('account.changePassword')} />);
  });

  app.post('/account/wachtwoord', async (c) => {
    const v = viewOf(c);
    const body = await readForm(c);
    try {
      await changePassword(c.get('ctx'), { currentPassword: str(body, 'currentPassword'), newPassword: str(body, 'newPassword'), confirmPassword: str(body, 'confirmPassword') }, c.get('sessionId') ?? undefined, clientKey(c));
      return c.redirect('/account?gewijzigd=1', 303);
    } catch (err) {
      const status = err instanceof AppError && err.code === 'rate_limited' ? 429 : 400;
      return c.html(<PasswordForm v={v} errors={formErrors(err, v.lang, pwLabels(v))} action="/account/wachtwoord" withCurrent title={v.t('account.changePassword')} />, status);
    }
  });

  app.get('/wachtwoord-herstellen/:token', async (c) => {
    const v = viewOf(c);
    const token = c.req.param('token');
    if (!(await isResetTokenValid(c.get('ctx'), token))) {
      return c.html(
        <Layout v={v} title={v.t('reset.title')}>
          <H1>{v.t('reset.title')}</H1>
          <Alert type="error">{v.t('reset.invalid')}</Alert>
        </Layout>,
        404,
      );
    }
    return c.html(<PasswordForm v={v} errors={[]} action={`/wachtwoord-herstellen/${token}`} withCurrent={false} title={v.t('reset.title')} />);
  });

  app.post('/wachtwoord-herstellen/:token', async (c) => {
    const v = viewOf(c);
    const token = c.req.param('token');
    const body = await readForm(c);
    try {
      await resetPassword(c.get('ctx'), token, { newPassword: str(body, 'newPassword'), confirmPassword: str(body, 'confirmPassword') });
      return c.html(
        <Layout v={v} title={v.t('reset.title')}>
          <H1>{v.t('reset.title')}</H1>
          <Alert type="ok">{v.t('reset.done')}</Alert>
          <P>
            <A href="/inloggen">{v.t('layout.login')}</A>
          </P>
        </Layout>,
      );
    } catch (err) {
      return c.html(<PasswordForm v={v} errors={formErrors(err, v.lang, pwLabels(v))} action={`/wachtwoord-herstellen/${token}`} withCurrent={false} title={v.t('reset.title')} />, 400);
    }
  });
}
