/** @jsxImportSource hono/jsx */
// Public pages of the framework: themes, one theme (current or earlier version), its history, the framework overview, districts.
import { numberFormat, localeOf } from '../../platform/i18n/intl.ts';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, H3, P, A, UL, Alert, Table, Breadcrumbs, type View } from '../../platform/ui/page.tsx';
import { formatDateTime } from '../../platform/i18n/index.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { raw } from 'hono/html';
import { listThemes, getTheme, listThemeVersions, getPeriod, listPeriods, listDistricts, getReport, getPass, listTargetGroups, frameworkEntry, VERSIONED_TTL_MS, type PeriodView } from './service.ts';
import { ThemeBody, CallSections, ReportData } from './views.tsx';
import { cached } from '../../platform/cache.ts';

/** The call period asked for with ?periode=, as a query suffix for links ('' for the latest). */
const periodParam = (c: Context<AppEnv>) => {
  const code = c.req.query('periode');
  return code && /^[0-9-]{5,9}$/.test(code) ? code : undefined;
};
const withPeriod = (code: string | undefined, extra = '') => (code ? `?periode=${encodeURIComponent(code)}${extra ? `&${extra}` : ''}` : extra ? `?${extra}` : '');

/** Links to the other call periods, when there is more than one. */
const PeriodSwitch = ({ v, periods, current, base }: { v: View; periods: PeriodView[]; current: PeriodView; base: string }) =>
  periods.length < 2 ? null : (
    <nav aria-label={v.t('framework.periods')}>
      <p class="utrecht-paragraph">
        {v.t('framework.periods')}:{' '}
        {periods.map((p, i) => (
          <>
            {i > 0 && ' · '}
            {p.code === current.code ? <strong aria-current="page">{p.name}</strong> : <A href={`${base}${i === 0 ? '' : withPeriod(p.code)}`}>{p.name}</A>}
          </>
        ))}
      </p>
    </nav>
  );

export function registerFrameworkPages(app: OpenAPIHono<AppEnv>) {
  app.get('/themas', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const code = periodParam(c);
    const [period, periods, themes] = await Promise.all([getPeriod(ctx, code), listPeriods(ctx), listThemes(ctx, code)]);
    return c.html(
      <Layout v={v} title={v.t('nav.themes')}>
        <H1>{v.t('nav.themes')}</H1>
        <P>{v.t('themes.intro', { period: period.name })}</P>
        <PeriodSwitch v={v} periods={periods} current={period} base="/themas" />
        <ul class="sb-card-list">
          {themes.map((t) => (
            <li class="sb-card">
              <h2 class="utrecht-heading-3">
                <A href={`/themas/${t.slug}${withPeriod(code)}`}>{t.name}</A>
              </h2>
              <P>{t.mainGoal}</P>
            </li>
          ))}
        </ul>
      </Layout>,
    );
  });

  const themePage = async (c: Context<AppEnv>) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const versionParam = c.req.query('versie');
    const version = versionParam && /^\d+$/.test(versionParam) ? Number(versionParam) : undefined;
    const code = periodParam(c);
    const [t, districts, periods, report, groups] = await Promise.all([getTheme(ctx, c.req.param('slug')!, { version, period: code }), listDistricts(ctx), listPeriods(ctx), getReport(ctx), listTargetGroups(ctx)]);
    const period = periods.find((p) => p.code === t.period.code) ?? null;
    const latest = version === undefined ? t.version : (await getTheme(ctx, t.slug, { period: code })).version;
    const inLatestPeriod = !code || periods[0]?.code === code;
    return c.html(
      <Layout v={v} title={t.name}>
        <Breadcrumbs v={v} items={[{ href: '/themas', label: v.t('nav.themes') }]} />
        <H1>{t.name}</H1>
        {c.req.query('opgeslagen') && <Alert type="ok">{v.t('theme.savedVersion', { version: t.version })}</Alert>}
        {t.version !== latest && (
          <Alert type="warning">
            {v.t('theme.oldVersion', { version: t.version, latest })} <A href={`/themas/${t.slug}${withPeriod(code)}`}>{v.t('theme.toCurrent')}</A>
          </Alert>
        )}
        <p class="utrecht-paragraph sb-meta">
          {v.t('theme.versionLine', { version: t.version, date: formatDateTime(v.lang, t.updatedAt), who: t.updatedBy, period: t.period.name })}{' '}
          <A href={`/themas/${t.slug}/versies${withPeriod(code)}`}>{v.t('theme.history')}</A>
        </p>
        {!inLatestPeriod && <Alert type="info">{v.t('theme.olderPeriod', { period: t.period.name })}</Alert>}
        {hasRole(v.actor, 'policy_advisor', 'administrator') && t.version === latest && inLatestPeriod && (
          <P>
            <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={`/themas/${t.slug}/bewerken`}>
              {v.t('theme.edit')}
            </a>
          </P>
        )}
        {raw(
          // The theme's text is the same for everyone: render it once per version and language.
          await cached(ctx.db, frameworkEntry(ctx, ['html', t.id, t.version, v.lang], VERSIONED_TTL_MS), async () => String(await (<ThemeBody v={v} t={t} districts={districts} period={period?.content ?? null} report={report} groups={groups} />))),
        )}
      </Layout>,
    );
  };
  app.get('/themas/:slug', themePage);
  app.get('/themes/:slug', themePage);

  app.get('/themas/:slug/versies', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const code = periodParam(c);
    const t = await getTheme(ctx, c.req.param('slug'), { period: code });
    const versions = await listThemeVersions(ctx, t.slug, code);
    return c.html(
      <Layout v={v} title={`${t.name}: ${v.t('theme.history')}`}>
        <Breadcrumbs v={v} items={[{ href: '/themas', label: v.t('nav.themes') }, { href: `/themas/${t.slug}`, label: t.name }]} />
        <H1>{`${t.name}: ${v.t('theme.history')}`}</H1>
        <Table
          caption={v.t('theme.history')}
          head={[v.t('theme.version'), v.t('audit.when'), v.t('audit.who'), v.t('theme.changeNote')]}
          rows={versions.map((x) => [<A href={`/themas/${t.slug}${withPeriod(code, `versie=${x.version}`)}`}>{String(x.version)}</A>, formatDateTime(v.lang, x.createdAt), x.createdBy, x.changeNote])}
        />
      </Layout>,
    );
  });

  app.get('/kader', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const code = periodParam(c);
    const [period, periods, themes, report, pass, groups] = await Promise.all([getPeriod(ctx, code), listPeriods(ctx), listThemes(ctx, code), getReport(ctx), getPass(ctx), listTargetGroups(ctx)]);
    const p = period.content;
    return c.html(
      <Layout v={v} title={v.t('nav.framework')}>
        <H1>{v.t('nav.framework')}</H1>
        {c.req.query('gestart') && <Alert type="ok">{v.t('framework.periodStarted', { period: period.name })}</Alert>}
        <P>{v.t('framework.intro', { period: period.name })}</P>
        <PeriodSwitch v={v} periods={periods} current={period} base="/kader" />
        {hasRole(v.actor, 'policy_advisor', 'administrator') && (
          <P>
            <A href="/kader/periodes/nieuw">{v.t('framework.newPeriod')}</A>
          </P>
        )}
        {p.chair && (
          <>
            <H2 id="voorzitter">{v.t('fw.chairAndLead')}</H2>
            <P>{v.t('fw.chair', { quote: p.chair.quote })}</P>
          </>
        )}
        <H2 id="uitvraag">{v.t('fw.callSections')}</H2>
        <CallSections v={v} sections={p.sections} />
        <H2 id="verantwoording">{v.t('framework.levels')}</H2>
        <ol class="utrecht-ordered-list">
          {p.accountabilityLevels.map((l) => (
            <li class="utrecht-ordered-list__item" id={l.key}>
              {l.text}
              {l.items.length > 0 && <UL items={l.items.map((i) => i.text)} />}
            </li>
          ))}
        </ol>
        <H2 id="kwaliteitscriteria">{v.t('framework.criteria')}</H2>
        <ol class="utrecht-ordered-list">
          {p.qualityCriteria.map((q) => (
            <li class="utrecht-ordered-list__item" id={q.key}>
              {q.text}
            </li>
          ))}
        </ol>
        <p class="utrecht-paragraph sb-meta">{v.t('fw.periodSource')}</p>
        {pass && (
          <>
            <H2 id="pas">{v.t('fw.pass', { name: pass.name })}</H2>
            <P>{pass.description[v.lang]}</P>
            <p class="utrecht-paragraph sb-meta">{v.t('fw.platformSummary')}</p>
            <P>“{pass.quote}”</P>
            <p class="utrecht-paragraph sb-meta">{v.t('fw.source', { source: `${v.t('fw.callSource')}, §5` })}</p>
          </>
        )}
        <H2 id="doelgroepen">{v.t('fw.targetGroupList')}</H2>
        <UL items={groups.map((g) => g.name[v.lang])} />
        <p class="utrecht-paragraph sb-meta">{v.t('fw.groupsNote')}</p>
        {report && <ReportData v={v} report={report} themes={themes} themeHref={(slug) => `/themas/${slug}${withPeriod(code)}`} />}
      </Layout>,
    );
  });

  app.get('/wijken', async (c) => {
    const v = viewOf(c);
    const ds = await listDistricts(c.get('ctx'));
    return c.html(
      <Layout v={v} title={v.t('nav.districts')}>
        <H1>{v.t('nav.districts')}</H1>
        <P>{v.t('districts.intro')}</P>
        {ds.map((d) => (
          <section>
            <H2>{d.name}</H2>
            {d.wijken.length === 0 ? (
              <P>{v.t('districts.noWijken')}</P>
            ) : (
              <Table
                caption={v.t('districts.wijkenIn', { district: d.name })}
                head={[v.t('districts.code'), v.t('districts.wijk'), v.t('districts.population'), v.t('districts.buurten')]}
                rows={d.wijken.map((w) => [w.code, w.name, (w.population === null ? null : numberFormat(localeOf(v.lang)).format(w.population)) ?? '—', w.buurten.map((b) => b.name).join(', ') || '—'])}
              />
            )}
          </section>
        ))}
        <p class="utrecht-paragraph sb-meta">{v.t('districts.credit')}</p>
      </Layout>,
    );
  });
}
