/** @jsxImportSource hono/jsx */
// The page layout and small NL Design System (Utrecht) building blocks shared by every module.
import type { Child, FC } from 'hono/jsx';
import type { Context } from 'hono';
import { t, type Lang, type MessageKey, type MessageParams } from '../i18n/index.ts';
import type { AppEnv } from '../http/env.ts';
import type { Actor } from '../auth/roles.ts';
import type { FieldError } from '../http/errors.ts';
import { navEntries, type NavEntry } from '../module.ts';

export interface View {
  lang: Lang;
  actor: Actor | null;
  csrfToken: string;
  path: string;
  t: (key: MessageKey, params?: MessageParams) => string;
}

export function viewOf(c: Context<AppEnv>): View {
  const lang = c.get('lang');
  return { lang, actor: c.get('ctx').actor, csrfToken: c.get('csrfToken'), path: c.req.path, t: (k, p) => t(lang, k, p) };
}

/** The platform's own entry; modules add theirs (src/platform/module.ts, `nav`), placed by `order`. */
const platformNav: NavEntry[] = [{ href: '/beheer', label: 'nav.admin', order: 100, show: (a) => !!a?.roles.includes('administrator') }];

const MainNav: FC<{ v: View; items: NavEntry[] }> = ({ v, items }) => (
  <ul class="utrecht-nav-list">
    {items.map((n) => (
      <li class="utrecht-nav-list__item">
        <a class="utrecht-link utrecht-nav-list__link" href={n.href} aria-current={v.path === n.href || v.path.startsWith(n.href + '/') ? 'page' : undefined}>
          {v.t(n.label)}
        </a>
      </li>
    ))}
  </ul>
);

export const Layout: FC<{ v: View; title: string; children?: Child; status?: number }> = ({ v, title, children }) => {
  const other: Lang = v.lang === 'nl' ? 'en' : 'nl';
  const items = [...platformNav, ...navEntries()].filter((n) => !n.show || n.show(v.actor)).sort((a, b) => a.order - b.order);
  return (
    <html lang={v.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Sociale Basis`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body class="utrecht-theme voorbeeld-theme utrecht-body">
        <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">
          {v.t('layout.skipLink')}
        </a>
        <div class="utrecht-page">
          <header class="utrecht-page-header sb-header">
            <div class="sb-header__bar">
              <a class="utrecht-link sb-brand" href="/">
                Sociale Basis
              </a>
              <div class="sb-header__tools">
                <a class="utrecht-link" href={`/taal/${other}?terug=${encodeURIComponent(v.path)}`} lang={other} hreflang={other}>
                  {other === 'en' ? 'English' : 'Nederlands'}
                </a>
                {v.actor ? (
                  <>
                    <a class="utrecht-link" href="/account">
                      {v.actor.name}
                    </a>
                    <form method="post" action="/uitloggen" class="sb-inline-form">
                      <input type="hidden" name="_csrf" value={v.csrfToken} />
                      <button type="submit" class="utrecht-button utrecht-button--subtle">
                        {v.t('layout.logout')}
                      </button>
                    </form>
                  </>
                ) : (
                  <a class="utrecht-link" href={`/inloggen?terug=${encodeURIComponent(v.path)}`}>
                    {v.t('layout.login')}
                  </a>
                )}
              </div>
            </div>
            {/* Wide screens show the menu; on a phone it folds into "Menu" (a details element: no JavaScript needed).
                Only one of the two is displayed at a time, so only one navigation landmark exists. */}
            <nav aria-label={v.t('layout.mainNav')} class="sb-nav sb-nav--wide">
              <MainNav v={v} items={items} />
            </nav>
            <details class="sb-nav-fold">
              <summary class="sb-nav-fold__summary">{v.t('layout.menu')}</summary>
              <nav aria-label={v.t('layout.mainNav')} class="sb-nav">
                <MainNav v={v} items={items} />
              </nav>
            </details>
          </header>
          <main id="inhoud" class="utrecht-page-content sb-main" tabindex={-1}>
            {children}
          </main>
          <footer class="utrecht-page-footer sb-footer">
            <ul class="utrecht-link-list">
              <li class="utrecht-link-list__item">
                <a class="utrecht-link" href="/toegankelijkheid">
                  {v.t('layout.accessibility')}
                </a>
              </li>
              <li class="utrecht-link-list__item">
                <a class="utrecht-link" href="/privacy">
                  {v.t('layout.privacy')}
                </a>
              </li>
              <li class="utrecht-link-list__item">
                <a class="utrecht-link" href="/api/docs">
                  {v.t('layout.api')}
                </a>
              </li>
            </ul>
          </footer>
        </div>
      </body>
    </html>
  );
};

export const H1: FC<{ children?: Child }> = ({ children }) => <h1 class="utrecht-heading-1">{children}</h1>;
export const H2: FC<{ children?: Child; id?: string }> = ({ children, id }) => (
  <h2 class="utrecht-heading-2" id={id}>
    {children}
  </h2>
);
export const H3: FC<{ children?: Child }> = ({ children }) => <h3 class="utrecht-heading-3">{children}</h3>;
export const P: FC<{ children?: Child }> = ({ children }) => <p class="utrecht-paragraph">{children}</p>;
export const UL: FC<{ items: Child[] }> = ({ items }) => (
  <ul class="utrecht-unordered-list">
    {items.map((i) => (
      <li class="utrecht-unordered-list__item">{i}</li>
    ))}
  </ul>
);
export const A: FC<{ href: string; children?: Child }> = ({ href, children }) => (
  <a class="utrecht-link" href={href}>
    {children}
  </a>
);

export const Alert: FC<{ type?: 'info' | 'ok' | 'warning' | 'error'; children?: Child }> = ({ type = 'info', children }) => (
  <div class={`utrecht-alert utrecht-alert--${type}`} role={type === 'error' ? 'alert' : 'status'}>
    <div class="utrecht-alert__content">{children}</div>
  </div>
);

/**
 * The summary's heading says what kind of problem it is: typing mistakes to correct, or (when every error is of
 * that kind) too many attempts to wait out, or a conflict with what is already there.
 */
function summaryHeading(v: View, errors: FieldError[]): string {
  if (errors.every((e) => e.kind === 'rate_limited')) return v.t('form.errorSummaryRateLimited');
  if (errors.every((e) => e.kind === 'conflict')) return v.t('form.errorSummaryConflict', { n: errors.length });
  return v.t('form.errorSummary', { n: errors.length });
}

/** Error summary at the top of a form: every field error, each a link to its field. */
export const ErrorSummary: FC<{ v: View; errors: FieldError[] }> = ({ v, errors }) =>
  errors.length === 0 ? null : (
    <div class="utrecht-alert utrecht-alert--error sb-error-summary" role="alert" aria-labelledby="fouten-titel" tabindex={-1} id="fouten">
      <div class="utrecht-alert__content">
        <h2 class="utrecht-heading-2" id="fouten-titel">
          {summaryHeading(v, errors)}
        </h2>
        <ul class="utrecht-unordered-list">
          {errors.map((e) => (
            <li class="utrecht-unordered-list__item">
              <a class="utrecht-link" href={`#${fieldId(e.field)}`}>
                {e.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );

export const fieldId = (name: string) => `veld-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

interface FieldProps {
  name: string;
  label: string;
  errors?: FieldError[];
  description?: string;
  required?: boolean;
}

const errorFor = (errors: FieldError[] | undefined, name: string) => errors?.find((e) => e.field === name || e.field.startsWith(name + '.'));

const FieldShell: FC<FieldProps & { children?: Child }> = ({ name, label, errors, description, children }) => {
  const err = errorFor(errors, name);
  const id = fieldId(name);
  return (
    <div class={`utrecht-form-field${err ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={id}>
          {label}
        </label>
      </div>
      {description && (
        <div class="utrecht-form-field-description" id={`${id}-beschrijving`}>
          {description}
        </div>
      )}
      {err && (
        <div class="utrecht-form-field-error-message" id={`${id}-fout`}>
          {err.message}
        </div>
      )}
      <div class="utrecht-form-field__input">{children}</div>
    </div>
  );
};

const describedBy = (name: string, errors?: FieldError[], description?: string) =>
  [description ? `${fieldId(name)}-beschrijving` : '', errorFor(errors, name) ? `${fieldId(name)}-fout` : ''].filter(Boolean).join(' ') || undefined;

export const TextField: FC<FieldProps & { value?: string; type?: string; autocomplete?: string }> = (p) => (
  <FieldShell {...p}>
    <input
      class={`utrecht-textbox utrecht-textbox--html-input${errorFor(p.errors, p.name) ? ' utrecht-textbox--invalid' : ''}`}
      id={fieldId(p.name)}
      name={p.name}
      type={p.type ?? 'text'}
      value={p.value ?? ''}
      required={p.required}
      autocomplete={p.autocomplete}
      aria-invalid={errorFor(p.errors, p.name) ? 'true' : undefined}
      aria-describedby={describedBy(p.name, p.errors, p.description)}
    />
  </FieldShell>
);

/** A file to upload (the form needs enctype="multipart/form-data"); `accept` lists the file types offered. */
export const FileField: FC<FieldProps & { accept?: string }> = (p) => (
  <FieldShell {...p}>
    <input
      class={`utrecht-textbox utrecht-textbox--html-input${errorFor(p.errors, p.name) ? ' utrecht-textbox--invalid' : ''}`}
      id={fieldId(p.name)}
      name={p.name}
      type="file"
      accept={p.accept}
      required={p.required}
      aria-invalid={errorFor(p.errors, p.name) ? 'true' : undefined}
      aria-describedby={describedBy(p.name, p.errors, p.description)}
    />
  </FieldShell>
);

export const TextArea: FC<FieldProps & { value?: string; rows?: number }> = (p) => (
  <FieldShell {...p}>
    <textarea
      class={`utrecht-textarea utrecht-textarea--html-textarea${errorFor(p.errors, p.name) ? ' utrecht-textarea--invalid' : ''}`}
      id={fieldId(p.name)}
      name={p.name}
      rows={p.rows ?? 4}
      required={p.required}
      aria-invalid={errorFor(p.errors, p.name) ? 'true' : undefined}
      aria-describedby={describedBy(p.name, p.errors, p.description)}
    >
      {p.value ?? ''}
    </textarea>
  </FieldShell>
);

/** A select; options with a `group` are shown under that heading (optgroup), in the order the groups first appear. */
export const Select: FC<FieldProps & { value?: string | null; options: { value: string; label: string; group?: string }[] }> = (p) => {
  const option = (o: { value: string; label: string }) => (
    <option value={o.value} selected={o.value === (p.value ?? '')}>
      {o.label}
    </option>
  );
  const groups = [...new Set(p.options.map((o) => o.group ?? ''))];
  return (
    <FieldShell {...p}>
      <select
        class={`utrecht-select utrecht-select--html-select${errorFor(p.errors, p.name) ? ' utrecht-select--invalid' : ''}`}
        id={fieldId(p.name)}
        name={p.name}
        aria-invalid={errorFor(p.errors, p.name) ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.errors, p.description)}
      >
        {groups.map((g) => (g ? <optgroup label={g}>{p.options.filter((o) => o.group === g).map(option)}</optgroup> : p.options.filter((o) => !o.group).map(option)))}
      </select>
    </FieldShell>
  );
};

export const Checkboxes: FC<FieldProps & { values: string[]; options: { value: string; label: string }[] }> = (p) => {
  const err = errorFor(p.errors, p.name);
  return (
    <fieldset class={`utrecht-form-fieldset${err ? ' utrecht-form-fieldset--invalid' : ''}`} id={fieldId(p.name)} aria-describedby={err ? `${fieldId(p.name)}-fout` : undefined}>
      <legend class="utrecht-form-fieldset__legend">{p.label}</legend>
      {p.description && <div class="utrecht-form-field-description">{p.description}</div>}
      {err && (
        <div class="utrecht-form-field-error-message" id={`${fieldId(p.name)}-fout`}>
          {err.message}
        </div>
      )}
      {p.options.map((o) => (
        <div class="utrecht-form-field utrecht-form-field--checkbox">
          <input
            class="utrecht-checkbox utrecht-checkbox--html-input"
            type="checkbox"
            id={`${fieldId(p.name)}-${o.value}`}
            name={p.name}
            value={o.value}
            checked={p.values.includes(o.value)}
          />
          <label class="utrecht-form-label utrecht-form-label--checkbox" for={`${fieldId(p.name)}-${o.value}`}>
            {o.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
};

export const Csrf: FC<{ v: View }> = ({ v }) => <input type="hidden" name="_csrf" value={v.csrfToken} />;

/**
 * A submit button: the form's main action, or with `secondary` one of its other actions. `name` and `value` tell the
 * handler which button was pressed (e.g. show the result or download it).
 */
export const Submit: FC<{ children?: Child; name?: string; value?: string; secondary?: boolean }> = ({ children, name, value, secondary }) => (
  <button type="submit" name={name} value={value} class={`utrecht-button utrecht-button--${secondary ? 'secondary' : 'primary'}-action`}>
    {children}
  </button>
);

/** A list of facts (term, value) as two columns (one on a phone). */
export const Facts: FC<{ items: [string, Child][] }> = ({ items }) => (
  <dl class="sb-facts">
    {items.map(([k, val]) => (
      <>
        <dt>{k}</dt>
        <dd>{val}</dd>
      </>
    ))}
  </dl>
);

/**
 * A table with its caption. With `id`, a wide table may scroll sideways: its container is then a named region that
 * takes keyboard focus (WCAG 2.1.1), labelled by the caption. `numeric`: the indexes of columns with numbers (aligned
 * to the right); `rowHeaders`: each row's first cell heads its row; `class`: an extra class on the container.
 */
export const Table: FC<{ caption: string; head: Child[]; rows: Child[][]; id?: string; numeric?: number[]; rowHeaders?: boolean; class?: string }> = ({ caption, head, rows, id, numeric = [], rowHeaders = false, class: extra }) => (
  <div class={extra ? `utrecht-table-container ${extra}` : 'utrecht-table-container'} {...(id ? { role: 'region', tabindex: 0, 'aria-labelledby': id } : {})}>
    <table class="utrecht-table">
      <caption class="utrecht-table__caption" id={id}>
        {caption}
      </caption>
      <thead class="utrecht-table__header">
        <tr class="utrecht-table__row">
          {head.map((h, i) => (
            <th class={`utrecht-table__header-cell${numeric.includes(i) ? ' utrecht-table__header-cell--numeric-column' : ''}`} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="utrecht-table__body">
        {rows.map((r) => (
          <tr class="utrecht-table__row">
            {r.map((cell, i) =>
              rowHeaders && i === 0 ? (
                <th class="utrecht-table__header-cell" scope="row">
                  {cell}
                </th>
              ) : (
                <td class={`utrecht-table__cell${numeric.includes(i) ? ' utrecht-table__cell--numeric-column' : ''}`}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

export const Breadcrumbs: FC<{ v: View; items: { href: string; label: string }[] }> = ({ v, items }) => (
  <nav class="utrecht-breadcrumb-nav" aria-label={v.t('layout.breadcrumbs')}>
    <ol class="utrecht-breadcrumb-nav__list">
      {items.map((i) => (
        <li class="utrecht-breadcrumb-nav__item">
          <a class="utrecht-link utrecht-breadcrumb-nav__link" href={i.href}>
            {i.label}
          </a>
        </li>
      ))}
    </ol>
  </nav>
);
