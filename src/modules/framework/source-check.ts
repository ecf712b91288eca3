// Checks a framework seed against its source documents in both directions: every item of the source (main goal,
// sub-goal, background, district task, target group, principle, the call's §3–§6 and §8) is in the data, and every
// text in the data is in the source or is labelled as the platform's own. Used by the seed test; returns problems
// as readable lines instead of throwing, so a test can show them all and a mutated seed can be checked too.
import { themeContentFromSeed, type FrameworkSeed } from './seed.ts';

/** The documents as text: the call (004), the 2021 report (000) and the college's letter (001), by file name. */
export type SourceTexts = Record<string, string>;

/** Normalises the way the seed was transcribed: tags, emphasis and bullet markers gone, whitespace collapsed. */
export const norm = (s: string) =>
  s
    .replace(/<\/?(i|b|em|strong)>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\*/g, '')
    .replace(/(^|\s)[-o•](?=\s)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Words of a source that are layout, not content: the call's column labels. */
const layoutLabels = ['Hoofddoel', 'Subdoelen', 'Achtergrond', 'Gebiedsopgaven', 'Specifieke doelgroepen', "'Wat werkt'-principes"];

/**
 * Removes each text from the segment (longest first) after checking it is there; what is left must be layout only.
 * Returns the problems: texts of the data that are not in the segment, and source text that is not in the data.
 */
function cover(where: string, segment: string, texts: (string | null | undefined)[]): string[] {
  const problems: string[] = [];
  let rest = ` ${norm(segment)} `;
  const wanted = [...new Set(texts.filter((t): t is string => !!t && !!t.trim()).map(norm))];
  for (const t of wanted) if (!rest.includes(t)) problems.push(`${where}: not in the source: "${t.slice(0, 100)}"`);
  for (const t of [...wanted, ...layoutLabels].sort((a, b) => b.length - a.length)) rest = rest.split(t).join(' ');
  const left = rest.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  if (left) problems.push(`${where}: in the source but not in the data: "${left.slice(0, 160)}"`);
  return problems;
}

interface ThemeSegments {
  mainGoal: string;
  subGoals: string;
  background: string;
  districtTasks: string;
  targetGroups: string;
  principles: string;
}

/** Cuts a theme of the call into its parts; the two-column table (district tasks | target groups) is read by column. */
function themeSegments(call: string[], name: string): ThemeSegments | null {
  const start = call.findIndex((l) => l.trim() === `Thema ${name}`);
  if (start < 0) return null;
  const next = call.findIndex((l, i) => i > start && /^Thema /.test(l.trim()));
  const end = next < 0 ? call.length : next;
  const lines = call.slice(start + 1, end);
  const at = (re: RegExp) => lines.findIndex((l) => re.test(l.trim()));
  const [goal, subs, bg, table, prin] = [at(/^Hoofddoel/), at(/^Subdoelen/), at(/^Achtergrond/), at(/^Gebiedsopgaven/), at(/'Wat werkt'-principes/)];
  const between = (a: number, b: number) => lines.slice(a + 1, b).join('\n');
  const col1: string[] = [];
  const col2: string[] = [];
  for (const l of lines.slice(table + 1, prin)) {
    const [a, b] = l.split('\t');
    col1.push(a ?? '');
    col2.push(b ?? '');
  }
  // The principles' heading line may carry the start of the principles after a tab.
  const prinLine = lines[prin].split('\t').slice(1).join(' ');
  return {
    mainGoal: between(goal, subs),
    subGoals: between(subs, bg),
    background: between(bg, table),
    districtTasks: col1.join(' '),
    targetGroups: col2.join(' '),
    principles: `${prinLine}\n${lines.slice(prin + 1).join('\n')}`,
  };
}

/** Lines of the call between two headings (exclusive). */
const sectionText = (call: string[], from: string, to: string) => {
  const a = call.findIndex((l) => l.trim() === from);
  const b = call.findIndex((l, i) => i > a && l.trim() === to);
  return a < 0 || b < 0 ? '' : call.slice(a + 1, b).join('\n');
};

export function frameworkSourceProblems(seed: FrameworkSeed, sources: SourceTexts): string[] {
  const callFile = seed.callPeriod.source ?? '';
  const callText = sources[callFile];
  if (!callText) return [`source ${callFile} not found`];
  const call = callText.split('\n');
  const problems: string[] = [];
  const districtNames = new Map(seed.districts.map((d) => [d.name.toLowerCase(), d.code]));

  for (const t of seed.themes) {
    const s = themeSegments(call, t.name);
    if (!s) {
      problems.push(`theme ${t.name}: no "Thema ${t.name}" in the call`);
      continue;
    }
    const c = themeContentFromSeed(t);
    const w = (part: string) => `${t.slug} ${part}`;
    problems.push(...cover(w('main goal'), s.mainGoal, [c.mainGoal]));
    problems.push(...cover(w('sub-goals'), s.subGoals, c.subGoalGroups.flatMap((g) => [g.title, ...g.subGoals.map((x) => x.text)])));
    problems.push(...cover(w('background'), s.background, c.background));
    problems.push(...cover(w('district tasks'), s.districtTasks, c.districtTasks.flatMap((b) => [b.heading, ...b.tasks.map((x) => x.text)])));
    problems.push(...cover(w('target groups'), s.targetGroups, c.targetGroups.flatMap((g) => [g.heading, g.note, ...g.items.map((i) => i.text)])));
    problems.push(
      ...cover(
        w('principles'),
        s.principles,
        [...c.principleGroups.flatMap((g) => [g.title, g.intro, g.listTitle, g.note, g.appendix, ...g.items.flatMap((i) => [i.text, i.description])]), ...c.extra],
      ),
    );
    // A heading names the districts of its block ("Oost/Schalkwijk:"); a task may concern fewer of them.
    for (const b of c.districtTasks) {
      const named = (b.heading ?? '')
        .replace(/:$/, '')
        .split('/')
        .filter(Boolean)
        .map((n) => districtNames.get(n.trim().toLowerCase()) ?? `?${n}`);
      if ([...named].sort().join() !== [...b.districts].sort().join()) problems.push(`${w('district tasks')}: heading "${b.heading}" names ${named.join(',') || 'no district'}, data ${b.districts.join(',') || 'none'}`);
      for (const task of b.tasks) if (task.districts?.some((d) => !b.districts.includes(d))) problems.push(`${w('district tasks')}: "${task.text.slice(0, 40)}" outside its heading's districts`);
    }
  }

  // §8: the seven quality criteria, exactly.
  const criteria = sectionText(call, '8. Kwaliteit van de aanvraag', `Thema ${seed.themes[0]?.name}`)
    .split('\n')
    .filter((l) => l.startsWith('- '))
    .map(norm);
  const dataCriteria = seed.call.qualityCriteria.map((q) => norm(q.text));
  for (const q of criteria) if (!dataCriteria.includes(q)) problems.push(`quality criteria: in the source but not in the data: "${q.slice(0, 80)}"`);
  for (const q of dataCriteria) if (!criteria.includes(q)) problems.push(`quality criteria: not in the source: "${q.slice(0, 80)}"`);

  // §6: the four levels and their items, exactly.
  const levelLines = sectionText(call, '6. Richtlijnen voor verantwoording', 'Vier niveaus van verantwoordingsinformatie').split('\n');
  const levels: { text: string; items: string[] }[] = [];
  for (const l of levelLines) {
    if (/^- \*?Niveau \d/.test(l)) levels.push({ text: norm(l), items: [] });
    else if (/^\s+- o /.test(l) && levels.length) levels.at(-1)!.items.push(norm(l));
  }
  const dataLevels = seed.call.accountabilityLevels.map((l) => ({ text: norm(l.text), items: l.items.map((i) => norm(i.text)) }));
  if (JSON.stringify(levels) !== JSON.stringify(dataLevels)) problems.push(`accountability levels differ from §6: source ${JSON.stringify(levels).slice(0, 300)}`);

  // §3, §4 (the residents part with its three functions) and §5, verbatim and complete.
  const blockTexts = (blocks: FrameworkSeed['call']['sections'][number]['blocks']) =>
    blocks.flatMap((b) => (b.kind === 'list' ? b.items.flatMap((i) => (i.label ? [`${i.label}: ${i.text}`] : [i.text])) : [b.text]));
  const sectionOf = (key: string) => seed.call.sections.find((x) => x.key === key);
  const procedure = sectionOf('procedure');
  if (!procedure) problems.push('§3 missing');
  else problems.push(...cover('§3', sectionText(call, procedure.title, '4. Samenwerken en de kracht van de stad'), [...blockTexts(procedure.blocks)]));
  const cooperation = sectionOf('samenwerken');
  if (!cooperation) problems.push('§4 missing');
  else problems.push(...cover('§4 (inwoners)', sectionText(call, cooperation.title, 'Basisinfrastructuur'), blockTexts(cooperation.blocks)));
  const quality = sectionOf('kwaliteit');
  if (!quality) problems.push('§5 missing');
  else problems.push(...cover('§5', sectionText(call, quality.title, '6. Richtlijnen voor verantwoording'), [...blockTexts(quality.blocks), ...(quality.parts ?? []).flatMap((p) => [p.title, ...blockTexts(p.blocks)])]));
  if (seed.call.chair && !norm(callText).includes(norm(seed.call.chair.quote))) problems.push('chair: quote not in the call');

  // The municipality's pass: its name and the quote are the call's; the description is labelled as the platform's.
  if (seed.pass && !(norm(callText).includes(seed.pass.name) && norm(callText).includes(norm(seed.pass.quote)))) problems.push('pass: name or quote not in the call');

  // The 2021 report: societal goals, welfare role names, Driehoek and lead quotes are in it; summaries are labelled.
  const r = seed.report;
  if (r) {
    const report = sources[r.source] ? norm(sources[r.source]) : '';
    if (!report) problems.push(`report source ${r.source} not found`);
    for (const g of r.societalGoals) if (!report.includes(`${g.number}. ${norm(g.text)}`)) problems.push(`societal goal ${g.number} not in the report`);
    for (const role of r.welfareRoles) if (!report.includes(norm(role.name))) problems.push(`welfare role "${role.name}" not in the report`);
    for (const l of r.themeLeads) if (!norm(sources[l.source] ?? '').includes(norm(l.quote))) problems.push(`lead of ${l.themeSlug}: quote not in ${l.source}`);
    for (const q of r.driehoek?.quotes ?? []) if (!norm(sources[q.source] ?? '').includes(norm(q.text))) problems.push(`Driehoek quote not in ${q.source}`);
    if (r.driehoek && !report.includes(norm(r.driehoek.description))) problems.push('Driehoek description not in the report');
    if (r.leadNote && !norm(sources[r.leadNote.source] ?? '').includes(norm(r.leadNote.text))) problems.push(`lead note not in ${r.leadNote.source}`);
  }
  return problems;
}
