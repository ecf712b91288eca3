/** @jsxImportSource hono/jsx */
// Editing the framework without JavaScript: a theme's text (saved as a new version) and the wijk → district mapping.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, Alert, ErrorSummary, TextField, TextArea, Checkboxes, Csrf, Submit, Table, Breadcrumbs, fieldId, type View } from '../../platform/ui/page.tsx';
import { readForm, str, list, lines, formErrors, type FormBody } from '../../platform/ui/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { getTheme, editTheme, listDistricts, listNeighbourhoods, listTargetGroups, setWijkDistrict, nextSubGoalKey, nextKey, getPeriod, startCallPeriod, type ThemeView, type DistrictView } from './service.ts';
import type { TargetGroupTerm, ThemeContent } from './types.ts';

const paragraphs = (s: string) =>
  s
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);

/** "text [a, b]" → text and the codes in brackets (none: undefined). */
export function withCodes(line: string): { text: string; codes?: string[] } {
  const m = /^(.*?)\s*\[([^\]]*)\]\s*$/.exec(line);
  if (!m) return { text: line };
  return { text: m[1].trim(), codes: m[2].split(',').map((c) => c.trim()).filter(Boolean) };
}
const codesSuffix = (codes: string[] | undefined) => (codes && codes.length ? ` [${codes.join(', ')}]` : '');

/**
 * Builds theme content from the edit form. Sub-goals and principles each have their own box, so rewording keeps
 * the key; an empty box removes one; "new" boxes add one per line with a new key. Target groups and district tasks
 * are one per line; a target-group line keeps its key when its text or its place in the list stays the same.
 */
export function contentFromForm(body: FormBody, current: ThemeView): ThemeContent {
  const probe = { subGoalGroups: current.subGoalGroups.map((g) => ({ ...g, subGoals: [...g.subGoals] })) };
  const subGoalGroups = current.subGoalGroups.map((g, i) => {
    const kept = g.subGoals.map((s) => ({ key: s.key, text: str(body, `sg.${s.key}`).replace(/\s+/g, ' ').trim() })).filter((s) => s.text);
    const added = lines(str(body, `new.${i}`)).map((text) => {
      const key = nextSubGoalKey(probe, current.slug);
      probe.subGoalGroups[i].subGoals.push({ key, text });
      return { key, text };
    });
    return { title: str(body, `group.${i}`).trim() || null, subGoals: [...kept, ...added] };
  });
  const blockCount = current.districtTasks.length + 1;
  const districtTasks = Array.from({ length: blockCount }, (_, i) => {
    const districts = list(body, `dtb.${i}.districts`);
    const tasks = lines(str(body, `dtb.${i}.tasks`)).map((l) => {
      const { text, codes } = withCodes(l);
      return codes ? { text, districts: codes } : { text };
    });
    return { heading: str(body, `dtb.${i}.heading`).trim() || null, districts, tasks };
  }).filter((b) => b.tasks.length);
  const targetKeys = current.targetGroups.flatMap((s) => s.items.map((i) => i.key));
  const targetGroups = current.targetGroups
    .map((s, i) => ({
      heading: str(body, `tgs.${i}.heading`).trim() || null,
      note: str(body, `tgs.${i}.note`).replace(/\s+/g, ' ').trim() || null,
      items: lines(str(body, `tgs.${i}.items`)).map((l, j) => {
        const { text, codes } = withCodes(l);
        const same = current.targetGroups.flatMap((x) => x.items).find((x) => x.text === text) ?? s.items[j];
        const key = same?.key ?? nextKey(targetKeys, current.slug, 'd');
        if (!same) targetKeys.push(key);
        return { key, text, groups: codes ?? [] };
      }),
    }))
    .filter((s) => s.items.length || s.heading || s.note);
  const principleKeys = current.principleGroups.flatMap((g) => g.items.map((i) => i.key));
  const principleGroups = current.principleGroups
    .map((g, j) => {
      const kept = g.items
        .map((i) => ({ key: i.key, text: str(body, `pi.${i.key}`).replace(/\s+/g, ' ').trim(), description: i.description ? str(body, `pd.${i.key}`).replace(/\s+/g, ' ').trim() || null : (i.description ?? null) }))
        .filter((i) => i.text);
      const added = lines(str(body, `pnew.${j}`)).map((text) => {
        const key = nextKey(principleKeys, current.slug, 'p');
        principleKeys.push(key);
        return { key, text, description: null };
      });
      return {
        title: str(body, `ptitle.${j}`).trim() || null,
        intro: str(body, `pintro.${j}`).trim() || null,
        listTitle: str(body, `plist.${j}`).trim() || null,
        items: [...kept, ...added],
        note: str(body, `pnote.${j}`).trim() || null,
        appendix: g.appendix ?? null,
      };
    })
    .filter((g) => g.items.length || g.title || g.intro);
  return {
    name: str(body, 'name').trim(),
    mainGoal: str(body, 'mainGoal').replace(/\s+/g, ' ').trim(),
    subGoalGroups,
    background: paragraphs(str(body, 'background')),
    districtTasks,
    targetGroups,
    principleGroups,
    extra: paragraphs(str(body, 'extra')),
  };
}

/** Maps an error path in the content to the form field that holds it. */
function formField(path: string, content: ThemeContent): string {
  const p = path.split('.');
  if (p[0] !== 'content') return p[0];
  if (p[1] === 'subGoalGroups') {
    const g = content.subGoalGroups[Number(p[2])];
    if (p[3] === 'subGoals' && p[4] !== undefined && g?.subGoals[Number(p[4])]) return `sg.${g.subGoals[Number(p[4])].key}`;
    return p[2] !== undefined ? `new.${p[2]}` : 'mainGoal';
  }
  if (p[1] === 'principleGroups') {
    const item = p[3] === 'items' && p[4] !== undefined ? content.principleGroups[Number(p[2])]?.items[Number(p[4])] : undefined;
    return item ? `pi.${item.key}` : `pnew.${p[2] ?? 0}`;
  }
  if (p[1] === 'targetGroups') return `tgs.${p[2] ?? 0}.items`;
  if (p[1] === 'districtTasks') return `dtb.${p[2] ?? 0}.${p[3] === 'districts' ? 'districts' : 'tasks'}`;
  return p[1];
}

const ThemeEditForm = ({ v, t, content, districts, groups, errors, changeNote }: { v: View; t: ThemeView; content: ThemeContent; districts: DistrictView[]; groups: TargetGroupTerm[]; errors: FieldError[]; changeNote: string }) => {
  const blocks = [...content.districtTasks, { heading: null, districts: [], tasks: [] }];
  const districtOptions = districts.map((d) => ({ value: d.code, label: `${d.name} (${d.code})` }));
  return (
    <form method="post" action={`/themas/${t.slug}/bewerken`} class="sb-form" novalidate>
      <Csrf v={v} />
      <input type="hidden" name="baseVersion" value={String(t.version)} />
      <ErrorSummary v={v} errors={errors} />
      <TextField name="name" label={v.t('theme.name')} value={content.name} errors={errors} required />
      <TextArea name="mainGoal" label={v.t('theme.mainGoal')} value={content.mainGoal} errors={errors} rows={3} required />
      <H2>{v.t('theme.subGoals')}</H2>
      <P>{v.t('edit.subGoalsHint')}</P>
      {content.subGoalGroups.map((g, i) => (
        <fieldset class="utrecht-form-fieldset">
          <legend class="utrecht-form-fieldset__legend">{g.title ?? v.t('edit.group', { n: i + 1 })}</legend>
          <TextField name={`group.${i}`} label={v.t('edit.groupTitle')} value={g.title ?? ''} errors={errors} />
          {g.subGoals.map((s, j) => (
            <TextArea name={`sg.${s.key}`} label={v.t('edit.subGoal', { n: j + 1 })} value={s.text} errors={errors} rows={2} />
          ))}
          <TextArea name={`new.${i}`} label={v.t('edit.newSubGoals')} description={v.t('edit.onePerLine')} value="" errors={errors} rows={2} />
        </fieldset>
      ))}
      <TextArea name="background" label={v.t('theme.background')} description={v.t('edit.paragraphs')} value={content.background.join('\n\n')} errors={errors} rows={10} />
      <H2>{v.t('theme.districtTasks')}</H2>
      {blocks.map((b, i) => (
        <fieldset class="utrecht-form-fieldset">
          <legend class="utrecht-form-fieldset__legend">{i < content.districtTasks.length ? (b.heading ?? v.t('fw.taskBlock', { n: i + 1 })) : v.t('fw.newTaskBlock')}</legend>
          <TextField name={`dtb.${i}.heading`} label={v.t('fw.blockHeading')} value={b.heading ?? ''} errors={errors} />
          <Checkboxes name={`dtb.${i}.districts`} label={v.t('fw.blockDistricts')} values={b.districts} options={districtOptions} errors={errors} />
          <TextArea name={`dtb.${i}.tasks`} label={v.t('theme.districtTasks')} description={v.t('fw.tasksHint')} value={b.tasks.map((x) => x.text + codesSuffix(x.districts)).join('\n')} errors={errors} rows={4} />
        </fieldset>
      ))}
      <H2>{v.t('theme.targetGroups')}</H2>
      {content.targetGroups.map((s, i) => (
        <fieldset class="utrecht-form-fieldset">
          <legend class="utrecht-form-fieldset__legend">{s.heading ?? v.t('fw.targetGroupSection', { n: i + 1 })}</legend>
          <TextField name={`tgs.${i}.heading`} label={v.t('fw.sectionHeading')} value={s.heading ?? ''} errors={errors} />
          <TextArea name={`tgs.${i}.items`} label={v.t('theme.targetGroups')} description={v.t('fw.targetGroupsHint', { codes: groups.map((g) => g.key).join(', ') })} value={s.items.map((x) => x.text + codesSuffix(x.groups)).join('\n')} errors={errors} rows={6} />
          <TextField name={`tgs.${i}.note`} label={v.t('fw.sectionNote')} value={s.note ?? ''} errors={errors} />
        </fieldset>
      ))}
      <H2>{v.t('theme.principles')}</H2>
      <P>{v.t('fw.principlesHint')}</P>
      {content.principleGroups.map((g, j) => (
        <fieldset class="utrecht-form-fieldset">
          <legend class="utrecht-form-fieldset__legend">{g.title ?? v.t('edit.group', { n: j + 1 })}</legend>
          <TextField name={`ptitle.${j}`} label={v.t('edit.groupTitle')} value={g.title ?? ''} errors={errors} />
          <TextArea name={`pintro.${j}`} label={v.t('fw.groupIntro')} value={g.intro ?? ''} errors={errors} rows={2} />
          <TextField name={`plist.${j}`} label={v.t('fw.listTitle')} value={g.listTitle ?? ''} errors={errors} />
          {g.items.map((i, n) => (
            <>
              <TextArea name={`pi.${i.key}`} label={`${v.t('fw.principle', { n: n + 1 })} (${i.key})`} value={i.text} errors={errors} rows={2} />
              {i.description && <TextArea name={`pd.${i.key}`} label={v.t('fw.principleDescription', { n: n + 1 })} value={i.description} errors={errors} rows={4} />}
            </>
          ))}
          <TextArea name={`pnew.${j}`} label={v.t('fw.newPrinciples')} description={v.t('edit.onePerLine')} value="" errors={errors} rows={2} />
          <TextField name={`pnote.${j}`} label={v.t('fw.sectionNote')} value={g.note ?? ''} errors={errors} />
        </fieldset>
      ))}
      <TextArea name="extra" label={v.t('theme.extra')} description={v.t('edit.paragraphs')} value={content.extra.join('\n\n')} errors={errors} rows={4} />
      <TextArea name="changeNote" label={v.t('theme.changeNote')} description={v.t('edit.changeNoteHint')} value={changeNote} errors={errors} rows={2} required />
      <div>
        <Submit>{v.t('edit.saveVersion')}</Submit>
      </div>
    </form>
  );
};

const PeriodForm = ({ v, current, values, errors }: { v: View; current: string; values: Record<string, string>; errors: FieldError[] }) => (
  <Layout v={v} title={v.t('framework.newPeriod')}>
    <Breadcrumbs v={v} items={[{ href: '/kader', label: v.t('nav.framework') }]} />
    <H1>{v.t('framework.newPeriod')}</H1>
    <P>{v.t('framework.newPeriodIntro', { period: current })}</P>
    <form method="post" action="/kader/periodes" class="sb-form" novalidate>
      <Csrf v={v} />
      <ErrorSummary v={v} errors={errors} />
      <TextField name="code" label={v.t('framework.periodCode')} description={v.t('framework.periodCodeHint')} value={values.code} errors={errors} required />
      <TextField name="name" label={v.t('framework.periodName')} value={values.name} errors={errors} required />
      <TextField name="startYear" label={v.t('framework.startYear')} type="number" value={values.startYear} errors={errors} required />
      <TextField name="endYear" label={v.t('framework.endYear')} type="number" value={values.endYear} errors={errors} />
      <div>
        <Submit>{v.t('framework.startPeriod')}</Submit>
      </div>
    </form>
  </Layout>
);

export function registerFrameworkEditPages(app: OpenAPIHono<AppEnv>) {
  app.get('/kader/periodes/nieuw', async (c) => {
    const v = viewOf(c);
    const current = await getPeriod(c.get('ctx'));
    return c.html(<PeriodForm v={v} current={current.name} values={{ code: '', name: '', startYear: '', endYear: '' }} errors={[]} />);
  });

  app.post('/kader/periodes', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const body = await readForm(c);
    const values = { code: str(body, 'code'), name: str(body, 'name'), startYear: str(body, 'startYear'), endYear: str(body, 'endYear') };
    const year = (s: string) => (s.trim() === '' ? null : /^\d+$/.test(s.trim()) ? Number(s) : NaN);
    try {
      const p = await startCallPeriod(ctx, { code: values.code, name: values.name, startYear: year(values.startYear) as number, endYear: year(values.endYear) });
      return c.redirect(`/kader?periode=${encodeURIComponent(p.code)}&gestart=1`, 303);
    } catch (err) {
      const labels = { code: v.t('framework.periodCode'), name: v.t('framework.periodName'), startYear: v.t('framework.startYear'), endYear: v.t('framework.endYear') };
      return c.html(<PeriodForm v={v} current={(await getPeriod(ctx)).name} values={values} errors={formErrors(err, v.lang, labels)} />, 400);
    }
  });

  const page = (v: View, t: ThemeView, content: ThemeContent, districts: DistrictView[], groups: TargetGroupTerm[], errors: FieldError[], changeNote: string) => (
    <Layout v={v} title={v.t('edit.title', { theme: t.name })}>
      <Breadcrumbs v={v} items={[{ href: '/themas', label: v.t('nav.themes') }, { href: `/themas/${t.slug}`, label: t.name }]} />
      <H1>{v.t('edit.title', { theme: t.name })}</H1>
      <P>{v.t('edit.intro', { version: t.version })}</P>
      <ThemeEditForm v={v} t={t} content={content} districts={districts} groups={groups} errors={errors} changeNote={changeNote} />
    </Layout>
  );

  app.get('/themas/:slug/bewerken', async (c) => {
    const ctx = c.get('ctx');
    const [t, districts, groups] = await Promise.all([getTheme(ctx, c.req.param('slug')), listDistricts(ctx), listTargetGroups(ctx)]);
    return c.html(page(viewOf(c), t, t, districts, groups, [], ''));
  });

  app.post('/themas/:slug/bewerken', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const [t, districts, groups] = await Promise.all([getTheme(ctx, c.req.param('slug')), listDistricts(ctx), listTargetGroups(ctx)]);
    const body = await readForm(c);
    const content = contentFromForm(body, t);
    const changeNote = str(body, 'changeNote');
    try {
      const saved = await editTheme(ctx, t.slug, { content, changeNote, baseVersion: Number(str(body, 'baseVersion')) || 0 });
      return c.redirect(`/themas/${saved.slug}?opgeslagen=1`, 303);
    } catch (err) {
      const labels: Record<string, string> = { changeNote: v.t('theme.changeNote'), 'content.name': v.t('theme.name'), 'content.mainGoal': v.t('theme.mainGoal'), baseVersion: v.t('theme.version') };
      const errors = formErrors(err, v.lang, labels).map((e) => ({ ...e, field: formField(e.field, content) }));
      return c.html(page(v, t, content, districts, groups, errors, changeNote), 400);
    }
  });

  app.get('/beheer/wijken', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const [districts, ns] = await Promise.all([listDistricts(ctx), listNeighbourhoods(ctx)]);
    return c.html(
      <Layout v={v} title={v.t('admin.wijken')}>
        <Breadcrumbs v={v} items={[{ href: '/beheer', label: v.t('admin.title') }]} />
        <H1>{v.t('admin.wijken')}</H1>
        {c.req.query('opgeslagen') && <Alert type="ok">{v.t('form.saved')}</Alert>}
        <P>{v.t('districts.adminIntro')}</P>
        <form method="post" action="/beheer/wijken" class="sb-form">
          <Csrf v={v} />
          <Table
            caption={v.t('admin.wijken')}
            head={[v.t('districts.code'), v.t('districts.wijk'), v.t('districts.district')]}
            rows={ns
              .filter((n) => n.kind === 'wijk')
              .map((w) => [
                w.code,
                <label for={fieldId(`wijk.${w.code}`)}>{w.name}</label>,
                <select class="utrecht-select utrecht-select--html-select" id={fieldId(`wijk.${w.code}`)} name={`wijk.${w.code}`}>
                  <option value="" selected={!w.districtCode}>
                    {v.t('districts.none')}
                  </option>
                  {districts.map((d) => (
                    <option value={d.code} selected={d.code === w.districtCode}>
                      {d.name}
                    </option>
                  ))}
                </select>,
              ])}
          />
          <div>
            <Submit>{v.t('form.save')}</Submit>
          </div>
        </form>
      </Layout>,
    );
  });

  app.post('/beheer/wijken', async (c) => {
    const ctx = c.get('ctx');
    const body = await readForm(c);
    const ns = await listNeighbourhoods(ctx);
    for (const w of ns.filter((n) => n.kind === 'wijk')) {
      const key = `wijk.${w.code}`;
      if (!(key in body)) continue;
      const next = str(body, key) || null;
      if (next !== w.districtCode) await setWijkDistrict(ctx, { wijkCode: w.code, districtCode: next });
    }
    return c.redirect('/beheer/wijken?opgeslagen=1', 303);
  });
}
