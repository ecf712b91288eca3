/** @jsxImportSource hono/jsx */
// "Mijn gegevens" (/account/gegevens): every section as a table, and the download of everything as JSON. Plain
// HTML and a link: works without JavaScript. Each view and each download is one audit row.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.ts';
import { Layout, viewOf, H1, H2, P, A, UL, Table, Breadcrumbs, type View } from '../ui/page.tsx';
import { formatDateTime } from '../i18n/index.ts';
import { formatDay, localeOf, numberFormat } from '../i18n/intl.ts';
import { readPersonalData, personalDataJson, type PersonalDataCell, type PersonalDataSection } from './service.ts';

/** Rows of a section shown on the page (every section lists the newest first); the download has all. */
export const ROWS_SHOWN = 50;

/** A cell as people read it: moments and days in their language, numbers with their separators, empty as a dash. */
const cell = (v: View, c: PersonalDataCell) =>
  c === null || c === ''
    ? '—'
    : c instanceof Date
      ? formatDateTime(v.lang, c)
      : typeof c === 'number'
        ? numberFormat(localeOf(v.lang)).format(c)
        : /^\d{4}-\d{2}-\d{2}$/.test(c)
          ? formatDay(v.lang, c)
          : c;
const anchor = (s: PersonalDataSection) => `gegevens-${s.key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

const Section = ({ v, s }: { v: View; s: PersonalDataSection }) => {
  const id = anchor(s);
  const shortened = s.rows.length > ROWS_SHOWN;
  const rows = shortened ? s.rows.slice(0, ROWS_SHOWN) : s.rows;
  return (
    <section aria-labelledby={id}>
      <H2 id={id}>{s.title}</H2>
      {s.explanation && <P>{s.explanation}</P>}
      {shortened && <P>{v.t('mydata.shortened', { shown: ROWS_SHOWN, total: s.rows.length })}</P>}
      {rows.length === 0 ? <P>{v.t('mydata.empty')}</P> : <Table id={`${id}-tabel`} caption={v.t('mydata.caption', { title: s.title, n: s.rows.length })} head={s.columns} rows={rows.map((r) => r.map((c) => cell(v, c)))} />}
    </section>
  );
};

export function registerPersonalDataPages(app: OpenAPIHono<AppEnv>) {
  app.get('/account/gegevens', async (c) => {
    const v = viewOf(c);
    const data = await readPersonalData(c.get('ctx'), 'page');
    return c.html(
      <Layout v={v} title={v.t('mydata.title')}>
        <Breadcrumbs v={v} items={[{ href: '/account', label: v.t('account.title') }]} />
        <H1>{v.t('mydata.title')}</H1>
        <P>{v.t('mydata.intro')}</P>
        <P>{v.t('mydata.auditNote')}</P>
        <P>
          <a class="utrecht-link" href="/account/gegevens.json" download>
            {v.t('mydata.download')}
          </a>
        </P>
        <P>{v.t('mydata.downloadHint')}</P>
        <nav aria-labelledby="gegevens-inhoud">
          <h2 class="utrecht-heading-2" id="gegevens-inhoud">
            {v.t('mydata.contents')}
          </h2>
          <UL items={data.sections.map((s) => <A href={`#${anchor(s)}`}>{s.title}</A>)} />
        </nav>
        {data.sections.map((s) => (
          <Section v={v} s={s} />
        ))}
      </Layout>,
    );
  });

  app.get('/account/gegevens.json', async (c) => {
    const data = await readPersonalData(c.get('ctx'), 'download');
    const day = data.generatedAt.toISOString().slice(0, 10);
    return c.body(JSON.stringify(personalDataJson(data), null, 2), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="mijn-gegevens-${day}.json"`,
    });
  });
}
