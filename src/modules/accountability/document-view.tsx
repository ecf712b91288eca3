/** @jsxImportSource hono/jsx */
// The accountability document as HTML: one component for the web page, the HTML download and the PDF (printed by
// Chromium from this HTML). Per sub-goal the four levels, each with its figures and the table's narrative. On the
// web page every figure links to the rows it was computed from (`links`): the reach pages filtered to the theme and
// sub-goal — with the reader's own organisation for its staff, who see their own registrations exactly there — the
// outflow figures, the survey results (for those who may see them) and the stories.
import type { Child, FC } from 'hono/jsx';
import { raw } from 'hono/html';
import type { Lang, MessageKey } from '../../platform/i18n/index.ts';
import { hasRole, type Actor } from '../../platform/auth/roles.ts';
import { countText, type Count } from '../reach/service.ts';
import type { DocumentFigures, SubGoalFigures, DeliveryLine, ReachLine } from './figures.ts';
import { groupedBars, lineChart, type ChartText } from './charts.ts';
import type { IndicatorLine } from './level4.ts';
import { drillsIntoOwn } from './policy.ts';
import { LEVELS } from './document-service.ts';
import { Table } from '../../platform/ui/page.tsx';
import { localeOf, numberFormat } from '../../platform/i18n/intl.ts';

export interface DocView {
  lang: Lang;
  actor: Actor | null;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
}

export interface DocOptions {
  /** Figures link to their rows (the web page); the print versions have none. */
  links: boolean;
  narratives: Record<string, string>;
  /** Heading level offset: the council bundle nests each document one level down. */
  idPrefix?: string;
}

const fmtNum = (lang: Lang, n: number, digits = 1) => numberFormat(localeOf(lang), { maximumFractionDigits: digits }).format(n);

const Fig: FC<{ href: string | null; children?: Child }> = ({ href, children }) =>
  href ? (
    <a class="utrecht-link" href={href}>
      {children}
    </a>
  ) : (
    <>{children}</>
  );

/** A table of the document: scrolls sideways on a narrow screen, each row headed by its first cell. */
const DataTable: FC<{ id: string; caption: string; head: string[]; rows: Child[][]; numeric?: number[] }> = (p) => <Table {...p} rowHeaders class="sb-doc-table" />;

const Narrative: FC<{ v: DocView; text: string | undefined }> = ({ v, text }) => (
  <div class="sb-narrative">
    <p class="utrecht-paragraph sb-narrative__label">
      <strong>{v.t('accountability.narrative')}</strong>
    </p>
    {text ? text.split(/\n{2,}/).map((p) => <p class="utrecht-paragraph">{p}</p>) : <p class="utrecht-paragraph sb-muted">{v.t('accountability.narrative.none')}</p>}
  </div>
);

/** Drill-down addresses of a document's figures for the reader. */
export function drill(figs: DocumentFigures, actor: Actor | null) {
  const base = `year=${figs.year}&theme=${encodeURIComponent(figs.theme.slug)}`;
  const own = actor?.organisationId && hasRole(actor, 'partner_staff') && figs.organisations.some((o) => o.id === actor.organisationId) ? actor.organisationId : null;
  const sg = (k?: string) => (k ? `&subGoal=${encodeURIComponent(k)}` : '');
  return {
    delivery: (subGoal?: string, organisationId?: string) => `/verantwoording/uitvoering?${base}${sg(subGoal)}${organisationId && drillsIntoOwn(actor, organisationId) ? `&organisation=${organisationId}` : ''}`,
    reach: (subGoal?: string, extra = '') => `/verantwoording/bereik?${base}${sg(subGoal)}${own ? `&organisation=${own}` : ''}${extra}`,
    volunteers: () => `/verantwoording/vrijwilligers?${base}${own ? `&organisation=${own}` : ''}`,
    outflow: () => `/effecten/uitstroom?year=${figs.year}&theme=${encodeURIComponent(figs.theme.slug)}`,
    survey: (surveyId: string) => (hasRole(actor, 'policy_advisor', 'administrator') ? `/effecten/enquetes/${surveyId}/resultaten?period=${figs.year}` : null),
    story: (storyId: string, organisationId: string) => (hasRole(actor, 'policy_advisor', 'administrator') || drillsIntoOwn(actor, organisationId) ? `/effecten/verhalen/${storyId}` : null),
  };
}

export const deviationText = (v: DocView, d: DeliveryLine['deviation']) => (d === 'under' ? v.t('accountability.deviation.under') : d === 'over' ? v.t('accountability.deviation.over') : v.t('accountability.deviation.none'));
const c = (v: DocView, n: Count | number) => countText(n, v.lang);
const pctText = (v: DocView, p: number | null) => (p === null ? '—' : `${fmtNum(v.lang, p)}%`);
const planned = (v: DocView, p: number | null) => (p === null ? '—' : fmtNum(v.lang, p, 0));

/** A chart of the document with its title written above it (the printed page shows what the chart is of). */
const DocChart: FC<{ text: ChartText; svg: (text: ChartText) => string }> = ({ text, svg }) => (
  <figure class="sb-doc-chart">
    <figcaption class="sb-doc-chart__title">{text.title}</figcaption>
    {raw(svg(text))}
  </figure>
);

/** The summary charts: per sub-goal planned and held sessions, and planned and reached residents. */
const SummaryChart: FC<{ v: DocView; figs: DocumentFigures; prefix: string; of: 'delivery' | 'reach' }> = ({ v, figs, prefix, of }) => {
  const rows = figs.subGoals;
  const base = { lang: v.lang, desc: v.t(of === 'delivery' ? 'accountability.chart.deliveryDesc' : 'accountability.chart.reachDesc') };
  return of === 'delivery' ? (
    <DocChart
      text={{ ...base, id: `${prefix}grafiek-uitvoering`, title: v.t('accountability.chart.delivery', { theme: figs.theme.name, year: figs.year }), valueLabel: v.t('accountability.col.sessions') }}
      svg={(text) => groupedBars(text, [v.t('accountability.col.plannedSessions'), v.t('accountability.col.heldSessions')], rows.map((s) => ({ label: s.key, values: [s.level1.total.plannedSessions, s.level1.total.heldSessions] })))}
    />
  ) : (
    <DocChart
      text={{ ...base, id: `${prefix}grafiek-bereik`, title: v.t('accountability.chart.reach', { theme: figs.theme.name, year: figs.year }), valueLabel: v.t('accountability.col.residents') }}
      svg={(text) => groupedBars(text, [v.t('accountability.col.plannedResidents'), v.t('accountability.col.residents')], rows.map((s) => ({ label: s.key, values: [s.level2.planned, typeof s.level2.residents === 'number' ? s.level2.residents : null] })))}
    />
  );
};

const ReachTable: FC<{ v: DocView; id: string; caption: string; rows: ReachLine[]; href: (r: ReachLine) => string | null }> = ({ v, id, caption, rows, href }) => (
  <DataTable
    id={id}
    caption={caption}
    head={[v.t('accountability.col.category'), v.t('accountability.col.residents'), v.t('accountability.col.visits'), v.t('accountability.col.plannedResidents'), v.t('accountability.col.realised')]}
    numeric={[1, 2, 3, 4]}
    rows={rows.map((r) => [
      r.label,
      <Fig href={href(r)}>{c(v, r.residents)}</Fig>,
      <Fig href={href(r)}>{c(v, r.visits)}</Fig>,
      planned(v, r.planned),
      pctText(v, r.realisedPct),
    ])}
  />
);

const SubGoalSection: FC<{ v: DocView; figs: DocumentFigures; s: SubGoalFigures; n: number; o: DocOptions }> = ({ v, figs, s, n, o }) => {
  const d = drill(figs, v.actor);
  const L = (href: string | null) => (o.links ? href : null);
  const id = `${o.idPrefix ?? ''}subdoel-${n}`;
  const narrative = (level: number) => o.narratives[`${s.key}#${level}`];
  return (
    <section class="sb-doc-subgoal" aria-labelledby={id}>
      <h2 class="utrecht-heading-2" id={id}>
        {v.t('accountability.subGoal', { key: s.key })} {s.text}
      </h2>
      <h3 class="utrecht-heading-3">{v.t('accountability.level.1')}</h3>
      <DataTable
        id={`${id}-n1`}
        caption={v.t('accountability.level1.caption', { key: s.key })}
        head={[v.t('accountability.col.activity'), v.t('accountability.col.organisation'), v.t('accountability.col.plannedSessions'), v.t('accountability.col.heldSessions'), v.t('accountability.col.plannedHours'), v.t('accountability.col.heldHours'), v.t('accountability.col.deviation'), v.t('accountability.col.explanation')]}
        numeric={[2, 3, 4, 5]}
        rows={[
          ...s.level1.rows.map((r) => [
            r.activityTitle,
            r.organisationName,
            fmtNum(v.lang, r.plannedSessions),
            <Fig href={L(d.delivery(s.key, r.organisationId))}>{fmtNum(v.lang, r.heldSessions)}</Fig>,
            fmtNum(v.lang, r.plannedHours),
            fmtNum(v.lang, r.heldHours),
            deviationText(v, r.deviation),
            r.explanation || '—',
          ]),
          [
            v.t('accountability.total'),
            '',
            fmtNum(v.lang, s.level1.total.plannedSessions),
            <Fig href={L(d.delivery(s.key))}>{fmtNum(v.lang, s.level1.total.heldSessions)}</Fig>,
            fmtNum(v.lang, s.level1.total.plannedHours),
            fmtNum(v.lang, s.level1.total.heldHours),
            deviationText(v, s.level1.total.deviation),
            '',
          ],
        ]}
      />
      <Narrative v={v} text={narrative(1)} />

      <h3 class="utrecht-heading-3">{v.t('accountability.level.2')}</h3>
      <ReachTable v={v} id={`${id}-n2`} caption={v.t('accountability.level2.caption', { key: s.key })} rows={[s.level2]} href={() => L(d.reach(s.key))} />
      <Narrative v={v} text={narrative(2)} />

      <h3 class="utrecht-heading-3">{v.t('accountability.level.3')}</h3>
      {s.level3.questions.length === 0 ? (
        <p class="utrecht-paragraph">{v.t('accountability.level3.noQuestions')}</p>
      ) : (
        <DataTable
          id={`${id}-n3q`}
          caption={v.t('accountability.level3.questions', { key: s.key })}
          head={[v.t('accountability.col.question'), v.t('accountability.col.survey'), v.t('accountability.col.answered'), v.t('accountability.col.mean'), v.t('accountability.col.agree')]}
          numeric={[2, 3, 4]}
          rows={s.level3.questions.map((q) => [
            q.question,
            q.surveyTitle,
            <Fig href={L(d.survey(q.surveyId))}>{c(v, q.answered)}</Fig>,
            q.mean === null ? '—' : `${fmtNum(v.lang, q.mean, 2)} (${q.scaleMin}–${q.scaleMax})`,
            pctText(v, q.agreePct),
          ])}
        />
      )}
      <DataTable
        id={`${id}-n3o`}
        caption={v.t('accountability.level3.outflow', { key: s.key })}
        head={[v.t('accountability.col.category'), v.t('accountability.col.ended'), v.t('accountability.col.reached'), v.t('accountability.col.partly'), v.t('accountability.col.not'), v.t('accountability.col.reachedPct')]}
        numeric={[1, 2, 3, 4, 5]}
        rows={[[v.t('accountability.level3.trajectories'), <Fig href={L(d.outflow())}>{c(v, s.level3.outflow.ended)}</Fig>, c(v, s.level3.outflow.reached), c(v, s.level3.outflow.partly), c(v, s.level3.outflow.not), pctText(v, s.level3.outflow.reachedPct)]]}
      />
      <h4 class="utrecht-heading-4">{v.t('accountability.level3.stories')}</h4>
      {s.level3.stories.length === 0 ? (
        <p class="utrecht-paragraph">{v.t('accountability.level3.noStories')}</p>
      ) : (
        s.level3.stories.map((st) => (
          <blockquote class="sb-story">
            <p class="utrecht-paragraph">
              <strong>{st.title || v.t('accountability.level3.story')}</strong> ({st.organisationName}, {st.storyDate}){' '}
              {o.links && d.story(st.id, st.organisationId) ? (
                <a class="utrecht-link" href={d.story(st.id, st.organisationId)!}>
                  {v.t('accountability.level3.openStory')}
                </a>
              ) : null}
            </p>
            {st.body.split(/\n{2,}/).map((p) => (
              <p class="utrecht-paragraph">{p}</p>
            ))}
          </blockquote>
        ))
      )}
      <Narrative v={v} text={narrative(3)} />

      <h3 class="utrecht-heading-3">{v.t('accountability.level.4')}</h3>
      <Indicators v={v} id={`${id}-n4`} lines={s.level4} links={o.links} />
      <Narrative v={v} text={narrative(4)} />
    </section>
  );
};

const judgementText = (v: DocView, j: IndicatorLine['judgement']) => (j === null ? '—' : v.t(`accountability.level4.${j}` as MessageKey));
const pv = (v: DocView, p: { period: string; value: number } | null) => (p ? `${fmtNum(v.lang, p.value, 2)} (${p.period})` : '—');

/** Level 4: the linked indicators (latest value, change, benchmark), a trend chart per indicator, the wijk targets. */
export const Indicators: FC<{ v: DocView; id: string; lines: IndicatorLine[]; links: boolean }> = ({ v, id, lines, links }) => {
  if (lines.length === 0) return <p class="utrecht-paragraph">{v.t('accountability.level4.none')}</p>;
  const targets = lines.flatMap((l) => l.targets.map((t) => ({ l, t })));
  return (
    <>
      <DataTable
        id={`${id}-tabel`}
        caption={v.t('accountability.level4.caption')}
        head={[v.t('accountability.col.indicator'), v.t('accountability.col.latest'), v.t('accountability.col.previous'), v.t('accountability.col.trend'), v.t('accountability.col.benchmark'), v.t('accountability.col.source')]}
        rows={lines.map((l) => [
          <>
            {links ? (
              <a class="utrecht-link" href={`/indicatoren/${encodeURIComponent(l.key)}`}>
                {l.name}
              </a>
            ) : (
              l.name
            )}{' '}
            ({l.unit}, {v.t(l.direction === 'up' ? 'accountability.level4.up' : 'accountability.level4.down')})
          </>,
          pv(v, l.latest),
          pv(v, l.previous),
          judgementText(v, l.judgement),
          l.benchmarks.map((b) => `${b.areaName}: ${fmtNum(v.lang, b.value, 2)} (${b.period})`).join('; ') || '—',
          l.source,
        ])}
      />
      {lines
        .filter((l) => l.trend.length >= 2)
        .map((l, i) => (
          <DocChart
            text={{ id: `${id}-trend-${i + 1}`, title: v.t('accountability.level4.chart', { name: l.name, area: l.areaName }), desc: v.t('accountability.level4.chartDesc'), valueLabel: l.unit, lang: v.lang }}
            svg={(text) =>
              lineChart(text, [
                ...l.trend.map((p) => ({ series: l.areaName || l.name, period: p.period, value: p.value })),
                ...l.benchmarks.map((b) => ({ series: b.areaName, period: b.period, value: b.value })),
              ])
            }
          />
        ))}
      {targets.length ? (
        <DataTable
          id={`${id}-doelen`}
          caption={v.t('accountability.level4.targets')}
          head={[v.t('accountability.col.area'), v.t('accountability.col.indicator'), v.t('accountability.col.baseline'), v.t('accountability.col.target'), v.t('accountability.col.current'), v.t('accountability.col.progress')]}
          rows={targets.map(({ l, t }) => [
            t.areaName,
            l.name,
            `${fmtNum(v.lang, t.baselineValue, 2)} (${t.baselinePeriod})`,
            `${fmtNum(v.lang, t.targetValue, 2)} (${t.targetYear})`,
            pv(v, t.current),
            t.progressPct === null ? '—' : `${fmtNum(v.lang, t.progressPct)}%`,
          ])}
        />
      ) : null}
    </>
  );
};

/** The table of contents (links to the sections; the PDF fills in the page of each, see htmlToPdf in render.tsx). */
export const Contents: FC<{ v: DocView; figs: DocumentFigures; prefix?: string }> = ({ v, figs, prefix = '' }) => (
  <nav class="sb-toc" aria-labelledby={`${prefix}inhoud-titel`}>
    <h2 class="utrecht-heading-2" id={`${prefix}inhoud-titel`}>
      {v.t('accountability.contents')}
    </h2>
    <ol class="utrecht-ordered-list">
      <li class="utrecht-ordered-list__item">
        <a class="utrecht-link" href={`#${prefix}samenvatting`}>
          {v.t('accountability.summary')}
        </a>
      </li>
      {figs.subGoals.map((s, i) => (
        <li class="utrecht-ordered-list__item">
          <a class="utrecht-link" href={`#${prefix}subdoel-${i + 1}`}>
            {v.t('accountability.subGoal', { key: s.key })} {s.text.length > 110 ? `${s.text.slice(0, 109)}…` : s.text}
          </a>
        </li>
      ))}
      <li class="utrecht-ordered-list__item">
        <a class="utrecht-link" href={`#${prefix}verantwoording-regel`}>
          {v.t('accountability.rule.title')}
        </a>
      </li>
    </ol>
  </nav>
);

/** The body of the document (everything below the title and the workflow bar). */
export const DocumentBody: FC<{ v: DocView; figs: DocumentFigures; o: DocOptions }> = ({ v, figs, o }) => {
  const d = drill(figs, v.actor);
  const L = (href: string | null) => (o.links ? href : null);
  const p = o.idPrefix ?? '';
  const t = figs.total;
  return (
    <div class="sb-doc">
      <Contents v={v} figs={figs} prefix={p} />
      <section aria-labelledby={`${p}samenvatting`} class="sb-doc-summary">
        <h2 class="utrecht-heading-2" id={`${p}samenvatting`}>
          {v.t('accountability.summary')}
        </h2>
        <p class="utrecht-paragraph">
          <strong>{v.t('accountability.mainGoal')}</strong> {figs.theme.mainGoal}
        </p>
        <p class="utrecht-paragraph">
          {v.t('accountability.organisations')}: {figs.organisations.map((x) => x.name).join(', ') || '—'}
        </p>
        <DataTable
          id={`${p}totaal`}
          caption={v.t('accountability.total.caption', { theme: figs.theme.name, year: figs.year })}
          head={[v.t('accountability.col.figure'), v.t('accountability.col.value')]}
          numeric={[1]}
          rows={[
            [v.t('accountability.col.plannedSessions'), fmtNum(v.lang, t.delivery.plannedSessions)],
            [v.t('accountability.col.heldSessions'), <Fig href={L(d.delivery())}>{fmtNum(v.lang, t.delivery.heldSessions)}</Fig>],
            [v.t('accountability.col.deviation'), deviationText(v, t.delivery.deviation)],
            [v.t('accountability.col.residents'), <Fig href={L(d.reach())}>{c(v, t.residents)}</Fig>],
            [v.t('accountability.col.plannedResidents'), planned(v, t.plannedResidents)],
            [v.t('accountability.col.realised'), pctText(v, t.realisedPct)],
            [v.t('accountability.col.visits'), <Fig href={L(d.reach())}>{c(v, t.visits)}</Fig>],
            [v.t('accountability.col.volunteers'), <Fig href={L(d.volunteers())}>{c(v, t.volunteers)}</Fig>],
            [v.t('accountability.col.volunteerHours'), typeof t.volunteerHours === 'number' ? fmtNum(v.lang, t.volunteerHours) : t.volunteerHours],
          ]}
        />
        <SummaryChart v={v} figs={figs} prefix={p} of="delivery" />
        <DataTable
          id={`${p}tabel-uitvoering`}
          caption={v.t('accountability.chart.deliveryTable')}
          head={[v.t('accountability.col.subGoal'), v.t('accountability.col.plannedSessions'), v.t('accountability.col.heldSessions'), v.t('accountability.col.deviation')]}
          numeric={[1, 2]}
          rows={figs.subGoals.map((s) => [s.key, fmtNum(v.lang, s.level1.total.plannedSessions), <Fig href={L(d.delivery(s.key))}>{fmtNum(v.lang, s.level1.total.heldSessions)}</Fig>, deviationText(v, s.level1.total.deviation)])}
        />
        <SummaryChart v={v} figs={figs} prefix={p} of="reach" />
        <ReachTable v={v} id={`${p}tabel-bereik`} caption={v.t('accountability.chart.reachTable')} rows={figs.subGoals.map((s) => ({ ...s.level2, label: s.key }))} href={(r) => L(d.reach(r.key))} />
        <ReachTable v={v} id={`${p}tabel-doelgroep`} caption={v.t('accountability.reach.byTargetGroup')} rows={figs.reachByTargetGroup} href={(r) => L(d.reach(undefined, `&targetGroup=${encodeURIComponent(r.key)}`))} />
        <ReachTable v={v} id={`${p}tabel-stadsdeel`} caption={v.t('accountability.reach.byDistrict')} rows={figs.reachByDistrict} href={(r) => (r.key ? L(d.reach(undefined, `&district=${encodeURIComponent(r.key)}`)) : null)} />
        {figs.themeIndicators.length ? (
          <>
            <h3 class="utrecht-heading-3">{v.t('accountability.level4.theme')}</h3>
            <Indicators v={v} id={`${p}thema-indicatoren`} lines={figs.themeIndicators} links={o.links} />
          </>
        ) : null}
        <Narrative v={v} text={o.narratives.intro} />
      </section>
      {figs.subGoals.map((s, i) => (
        <SubGoalSection v={v} figs={figs} s={s} n={i + 1} o={o} />
      ))}
      <section aria-labelledby={`${p}verantwoording-regel`}>
        <h2 class="utrecht-heading-2" id={`${p}verantwoording-regel`}>
          {v.t('accountability.rule.title')}
        </h2>
        <p class="utrecht-paragraph">{figs.disclosureRule}</p>
        <p class="utrecht-paragraph">{v.t('accountability.rule.deviation', { pct: Math.round(figs.deviationThreshold * 100) })}</p>
        <p class="utrecht-paragraph">{v.t('accountability.rule.computed', { at: figs.computedAt.slice(0, 16).replace('T', ' ') })}</p>
      </section>
    </div>
  );
};

export const levelKeys = LEVELS;
