/** @jsxImportSource hono/jsx */
// Public pages of the framework: themes, one theme (current or earlier version), its history, the framework overview, districts.
import { numberFormat } from '../../platform/i18n/intl.ts';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, H3, P, A, UL, Alert, Table, Breadcrumbs, type View } from '../../platform/ui/page.tsx';
import { formatDateTime } from '../../platform/i18n/index.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { raw } from 'hono/html';
import { listThemes, getTheme, listThemeVersions, getPeriod, listPeriods, listDistricts, frameworkEntry, VERSIONED_TTL_MS, type ThemeView, type DistrictView, type PeriodView } from './service.ts';
import { cached } from '../../platform/cache.ts';

const ThemeBody = ({ v, t, districts }: { v: View; t: ThemeView; districts: DistrictView[] }) => {
  const dName = (code: string | null) => (code ? (districts.find((d) => d.code === code)?.name ?? code) : v.t('theme.cityWide'));
  return (
    <>
      <H2 id="hoofddoel">{v.t('theme.mainGoal')}</H2>
      <P>{t.mainGoal}</P>
      <H2 id="subdoelen">{v.t('theme.subGoals')}</H2>
      {t.subGoalGroups.map((g) => (
        <>
          {g.title && <H3>{g.title}</H3>}
          <UL items={g.subGoals.map((s) => s.text)} />
        </>
      ))}
      {t.leads.length > 0 && (
        <>
          <H2 id="regie">{v.t('theme.leads')}</H2>
          <UL items={t.leads} />
        </>
      )}
      <H2 id="achtergrond">{v.t('theme.background')}</H2>
      {t.background.map((p) => (
        <P>{p}</P>
      ))}
      <H2 id="gebiedsopgaven">{v.t('theme.districtTasks')}</H2>
      {t.districtTasks.length === 0 && <P>{v.t('theme.none')}</P>}
      {t.districtTasks.map((d) => (
        <>
          <H3>{dName(d.district)}</H3>
          <UL items={d.tasks} />
        </>
      ))}
      <H2 id="doelgroepen">{v.t('theme.targetGroups')}</H2>
      {t.targetGroups.length ? <UL items={t.targetGroups} /> : <P>{v.t('theme.none')}</P>}
      <H2 id="principes">{v.t('theme.principles')}</H2>
      {t.principleGroups.map((g) => (
        <>
          {g.title && <H3>{g.title}</H3>}
          {g.intro && <P>{g.intro}</P>}
          <UL items={g.items} />
        </>
      ))}
      {t.extra.length > 0 && (
        <>
          <H2 id="aanvullend">{v.t('theme.extra')}</H2>
          {t.extra.map((p) => (
            <P>{p}</P>
          ))}
        </>
      )}
    </>
  );
};

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
    const [t, districts, periods] = await Promise.all([getTheme(ctx, c.req.param('slug')!, { version, period: code }), listDistricts(ctx), listPeriods(ctx)]);
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
          await cached(ctx.db, frameworkEntry(ctx, ['html', t.id, t.version, v.lang], VERSIONED_TTL_MS), async () => String(await (<ThemeBody v={v} t={t} districts={districts} />))),
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
    const [period, periods, themes] = await Promise.all([getPeriod(ctx, code), listPeriods(ctx), listThemes(ctx, code)]);
    const themeName = (slug: string | null) => themes.find((t) => t.slug === slug)?.name;
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
        <H2>{v.t('framework.societalGoals')}</H2>
        <ol class="utrecht-ordered-list">
          {p.societalGoals.map((g) => (
            <li class="utrecht-ordered-list__item" value={g.number}>
              {g.text}
              {g.themeSlug && themeName(g.themeSlug) && (
                <>
                  {' '}
                  (<A href={`/themas/${g.themeSlug}${withPeriod(code)}`}>{themeName(g.themeSlug)}</A>)
                </>
              )}
            </li>
          ))}
        </ol>
        <H2>{v.t('framework.leads')}</H2>
        <Table caption={v.t('framework.leads')} head={[v.t('framework.theme'), v.t('theme.leads')]} rows={themes.map((t) => [<A href={`/themas/${t.slug}${withPeriod(code)}`}>{t.name}</A>, t.leads.join(', ') || '—'])} />
        <H2>{v.t('framework.welfareRoles')}</H2>
        {p.welfareRoles.map((r) => (
          <>
            <H3>{r.name}</H3>
            <P>{r.description}</P>
          </>
        ))}
        {p.driehoek && (
          <>
            <H2>{v.t('framework.driehoek')}</H2>
            <P>{p.driehoek.description}</P>
            <UL items={p.driehoek.roles} />
          </>
        )}
        <H2>{v.t('framework.levels')}</H2>
        <ol class="utrecht-ordered-list">
          {p.accountabilityLevels.map((l) => (
            <li class="utrecht-ordered-list__item">{l.text}</li>
          ))}
        </ol>
        <H2>{v.t('framework.criteria')}</H2>
        <ol class="utrecht-ordered-list">
          {p.qualityCriteria.map((q) => (
            <li class="utrecht-ordered-list__item">{q}</li>
          ))}
        </ol>
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
                rows={d.wijken.map((w) => [w.code, w.name, (w.population === null ? null : numberFormat(v.lang === 'nl' ? 'nl-NL' : 'en-GB').format(w.population)) ?? '—', w.buurten.map((b) => b.name).join(', ') || '—'])}
              />
            )}
          </section>
        ))}
        <p class="utrecht-paragraph sb-meta">{v.t('districts.credit')}</p>
      </Layout>,
    );
  });
}
