/** @jsxImportSource hono/jsx */
// Views of the framework's text: one theme, the call's sections, and the 2021 report's data — each with its source,
// and with the platform's own summaries and mappings labelled as such.
import { H2, H3, P, A, UL, Table, type View } from '../../platform/ui/page.tsx';
import type { CallBlock, CallSection, PeriodContent, TargetGroupTerm } from './types.ts';
import type { DistrictView, ReportView, ThemeView } from './service.ts';

const Meta = ({ children }: { children?: unknown }) => <p class="utrecht-paragraph sb-meta">{children as never}</p>;

const callSource = (v: View) => v.t('fw.source', { source: v.t('fw.callSource') });

export const ThemeBody = ({ v, t, districts, period, report, groups }: { v: View; t: ThemeView; districts: DistrictView[]; period: PeriodContent | null; report: ReportView | null; groups: TargetGroupTerm[] }) => {
  const dName = (code: string) => districts.find((d) => d.code === code)?.name ?? code;
  const gName = (key: string) => groups.find((g) => g.key === key)?.name[v.lang] ?? key;
  const leads = (report?.content.themeLeads ?? []).filter((l) => l.themeSlug === t.slug);
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
      <H2 id="regie">{v.t('fw.chairAndLead')}</H2>
      {period?.chair && (
        <>
          <P>{v.t('fw.chair', { quote: period.chair.quote })}</P>
          <Meta>{callSource(v)}</Meta>
        </>
      )}
      {report &&
        (leads.length === 0 ? (
          <P>{v.t('fw.noLead')}</P>
        ) : (
          leads.map((l) => (
            <>
              <P>
                {v.t('fw.leadByReport', { report: `${report.title} (${report.year})` })}{' '}
                {l.organisations.map((name, i) => (
                  <>
                    {i > 0 && ', '}
                    {l.organisationIds?.[i] ? <A href={`/organisaties/${l.organisationIds[i]}`}>{name}</A> : name}
                  </>
                ))}
              </P>
              <Meta>
                {v.t('fw.leadQuote', { quote: l.quote })} {v.t('fw.source', { source: l.source })}
              </Meta>
            </>
          ))
        ))}
      {report?.content.leadNote && (
        <Meta>
          {v.t('fw.leadNote', { text: report.content.leadNote.text })} {v.t('fw.source', { source: report.content.leadNote.source })}
        </Meta>
      )}
      <H2 id="achtergrond">{v.t('theme.background')}</H2>
      {t.background.map((p) => (
        <P>{p}</P>
      ))}
      <H2 id="gebiedsopgaven">{v.t('theme.districtTasks')}</H2>
      {t.districtTasks.length === 0 && <P>{v.t('theme.none')}</P>}
      {t.districtTasks.map((b) => (
        <>
          <H3>{b.heading ?? (b.districts.length ? b.districts.map(dName).join('/') : v.t('theme.cityWide'))}</H3>
          <UL items={b.tasks.map((task) => (task.districts && task.districts.join() !== b.districts.join() ? `${task.text} (${v.t('fw.onlyDistricts', { districts: task.districts.map(dName).join(', ') })})` : task.text))} />
        </>
      ))}
      <H2 id="doelgroepen">{v.t('theme.targetGroups')}</H2>
      {t.targetGroups.length === 0 && <P>{v.t('theme.none')}</P>}
      {t.targetGroups.map((s) => (
        <>
          {s.heading && <H3>{s.heading}</H3>}
          <UL
            items={s.items.map((i) => (
              <>
                {i.text}
                {i.groups.length > 0 && <span class="sb-meta"> — {v.t('fw.groupsLabel', { groups: i.groups.map(gName).join(', ') })}</span>}
              </>
            ))}
          />
          {s.note && <P>{s.note}</P>}
        </>
      ))}
      {t.targetGroups.some((s) => s.items.some((i) => i.groups.length)) && <Meta>{v.t('fw.groupsNote')}</Meta>}
      <H2 id="principes">{v.t('theme.principles')}</H2>
      {t.principleGroups.map((g) => (
        <>
          {g.title && <H3>{g.title}</H3>}
          {g.appendix && <Meta>{v.t('fw.appendix', { appendix: g.appendix })}</Meta>}
          {g.intro && <P>{g.intro}</P>}
          {g.listTitle && (
            <P>
              <strong>{g.listTitle}</strong>
            </P>
          )}
          <UL
            items={g.items.map((i) =>
              i.description ? (
                <>
                  <strong>{i.text}</strong>
                  <br />
                  {i.description}
                </>
              ) : (
                i.text
              ),
            )}
          />
          {g.note && <P>{g.note}</P>}
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
      <Meta>{callSource(v)}</Meta>
    </>
  );
};

const Blocks = ({ blocks }: { blocks: CallBlock[] }) => (
  <>
    {blocks.map((b) =>
      b.kind === 'paragraph' ? (
        <P>{b.text}</P>
      ) : b.kind === 'heading' ? (
        <h4 class="utrecht-heading-4">{b.text}</h4>
      ) : (
        <UL
          items={b.items.map((i) =>
            i.label ? (
              <>
                <strong>{i.label}:</strong> {i.text}
              </>
            ) : (
              i.text
            ),
          )}
        />
      ),
    )}
  </>
);

/** Sections §3–§5 of the call, verbatim, with anchors by key (quality criterion 7 refers to them). */
export const CallSections = ({ v, sections }: { v: View; sections: CallSection[] }) => (
  <>
    {sections.map((s) => (
      <section id={s.key}>
        <H3>{s.title}</H3>
        <Blocks blocks={s.blocks} />
        {(s.parts ?? []).map((p) => (
          <section id={p.key.replace('/', '-')}>
            <h4 class="utrecht-heading-4">{p.title}</h4>
            <Blocks blocks={p.blocks} />
          </section>
        ))}
        {s.platformNote && <Meta>{`${s.platformNote} (${v.t('fw.platformSummary')})`}</Meta>}
      </section>
    ))}
    <Meta>{callSource(v)}</Meta>
  </>
);

/** The 2021 report's data: societal goals, theme leads, welfare roles and the Driehoek, with its source. */
export const ReportData = ({ v, report, themes, themeHref }: { v: View; report: ReportView; themes: ThemeView[]; themeHref: (slug: string) => string }) => {
  const c = report.content;
  const themeName = (slug: string | null) => themes.find((t) => t.slug === slug)?.name;
  return (
    <section id="rapport-2021">
      <H2>{v.t('fw.report', { title: `${report.title} (${report.year})` })}</H2>
      <P>{v.t('fw.reportIntro', { note: c.note })}</P>
      <Meta>{v.t('fw.source', { source: report.source })}</Meta>
      <H3>{v.t('framework.societalGoals')}</H3>
      <ol class="utrecht-ordered-list">
        {c.societalGoals.map((g) => (
          <li class="utrecht-ordered-list__item" value={g.number}>
            {g.text}
            {g.themeSlug && themeName(g.themeSlug) && (
              <>
                {' '}
                (<A href={themeHref(g.themeSlug)}>{themeName(g.themeSlug)}</A>)
              </>
            )}
          </li>
        ))}
      </ol>
      <Meta>{v.t('fw.platformMapping')}</Meta>
      <H3>{v.t('framework.leads')}</H3>
      <Table
        caption={v.t('framework.leads')}
        head={[v.t('framework.theme'), v.t('theme.leads'), v.t('fw.quote')]}
        rows={themes.map((t) => {
          const ls = c.themeLeads.filter((l) => l.themeSlug === t.slug);
          return [
            <A href={themeHref(t.slug)}>{t.name}</A>,
            ls.length ? (
              <>
                {ls.flatMap((l) =>
                  l.organisations.map((name, i) => (
                    <>
                      {i > 0 && ', '}
                      {l.organisationIds?.[i] ? <A href={`/organisaties/${l.organisationIds[i]}`}>{name}</A> : name}
                    </>
                  )),
                )}
              </>
            ) : (
              '—'
            ),
            ls.map((l) => l.quote).join(' ') || '—',
          ];
        })}
      />
      {c.leadNote && (
        <Meta>
          {v.t('fw.leadNote', { text: c.leadNote.text })} {v.t('fw.source', { source: c.leadNote.source })}
        </Meta>
      )}
      <H3>{v.t('framework.welfareRoles')}</H3>
      {c.welfareRoles.map((r) => (
        <>
          <h4 class="utrecht-heading-4">{r.name}</h4>
          <P>{r.description}</P>
        </>
      ))}
      <Meta>{v.t('fw.platformSummary')}</Meta>
      {c.driehoek && (
        <>
          <H3>{v.t('framework.driehoek')}</H3>
          <P>{c.driehoek.description}</P>
          <UL items={c.driehoek.roles} />
          {c.driehoek.levels.includes('wijk') && <P>{v.t('fw.driehoekLevels')}</P>}
          {c.driehoek.quotes.map((q) => (
            <Meta>
              “{q.text}” {v.t('fw.source', { source: q.source })}
            </Meta>
          ))}
        </>
      )}
    </section>
  );
};
