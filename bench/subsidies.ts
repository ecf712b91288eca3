// Benchmark of the subsidies module (issue 12), on the seeded database of one kind:
//  (a) subsidies.application.page.p95_ms.<kind>: the joint application page /subsidies/aanvragen/{id} of a
//      40-section application (the call's 7 criteria and 5 statements, 28 sections of the table's own, each about
//      1,500 characters; budgets of 3 organisations for 4 years), as partner staff of a member organisation, at 16
//      connections: p95 of the response times;
//  (b) subsidies.portfolio.ms.<kind>: the portfolio page /subsidies/uitvragen/{id}/portefeuille of a period with
//      grants to 100 organisations, each with every kind of decision (grant, two adjustments, two indexations),
//      as a policy advisor: median of several runs after a warm-up.
// The data is made in this process through the module's services, before the server starts (PGlite: one process
// per folder), in a call period of its own (2090–2093) so it never meets the demo's call.
import autocannon from 'autocannon';

export const APPLICATION_SECTIONS = 40;
export const PORTFOLIO_ORGANISATIONS = 100;
export const APPLICATION_CONNECTIONS = 16;
const PORTFOLIO_RUNS = 7;

export interface SubsidiesBenchSetup {
  applicationId: string;
  callId: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))] : NaN);
const round = (x: number) => Math.round(x * 1000) / 1000;

export async function prepareSubsidies(env: NodeJS.ProcessEnv, partnerEmail: string, advisorEmail: string): Promise<SubsidiesBenchSetup> {
  const { openDatabase } = await import('../src/platform/db/client.ts');
  const { systemContext } = await import('../src/platform/context.ts');
  const { users } = await import('../src/platform/auth/schema.ts');
  const { and, eq } = await import('drizzle-orm');
  await import('../src/modules/index.ts');
  const { startCallPeriod, listThemes } = await import('../src/modules/framework/service.ts');
  const { listOrganisations } = await import('../src/modules/network/service.ts');
  const { openCall, addTableMember } = await import('../src/modules/subsidies/call-service.ts');
  const { startApplication, getApplication, addOwnSection, updateSection, saveBudget } = await import('../src/modules/subsidies/application-service.ts');
  const { createGrant, adjustGrant, indexGrant } = await import('../src/modules/subsidies/grant-service.ts');
  const tenant = env.TENANT || 'GM0392';
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, lockOwner: 'bench', tenant });
  try {
    const sys = systemContext(database.db, tenant);
    const account = async (email: string) => {
      const [u] = await database.db.select().from(users).where(and(eq(users.tenantId, tenant), eq(users.email, email)));
      if (!u) throw new Error(`no account ${email}`);
      return u;
    };
    const a = await account(advisorEmail);
    const p = await account(partnerEmail);
    const advisor = { userId: a.id, name: a.name, email: a.email, roles: ['policy_advisor' as const], organisationId: a.organisationId };
    const admin = { userId: '', name: 'Benchmark', email: '', roles: ['administrator' as const], organisationId: null };
    const as = (actor: typeof advisor | typeof admin) => ({ ...sys, actor, system: undefined });
    const t0 = Date.now();
    await startCallPeriod(as(admin), { code: '2090-2093', name: 'Benchmark 2090–2093', startYear: 2090, endYear: 2093 });
    const themes = await listThemes(sys, '2090-2093');
    const call = await openCall(as(advisor), { periodCode: '2090-2093', applicationDeadline: '2089-12-31', decisionDeadline: '2089-12-31', themes: themes.map((t) => ({ slug: t.slug, ceiling: 50_000_000_000 })) });
    const table = call.tables.find((t) => t.themeSlug === 'ontmoeten') ?? call.tables[0];
    const orgs = await listOrganisations(sys);
    const members = [p.organisationId!, ...orgs.filter((o) => o.id !== p.organisationId && o.type === 'core-partner').slice(0, 2).map((o) => o.id)];
    for (const m of members) await addTableMember(as(advisor), table.id, { organisationId: m });
    const application = await startApplication(as(admin), table.id);
    for (let i = 12; i < APPLICATION_SECTIONS; i++) await addOwnSection(as(admin), application.id, { title: `Onderdeel ${i + 1}: wijkaanpak en doelgroepen` });
    const body = 'Wij werken samen in de wijk, met inwoners en ketenpartners; elke organisatie doet waar zij goed in is. '.repeat(15);
    const view = await getApplication(as(admin), application.id);
    for (const [i, s] of view.sections.entries()) await updateSection(as(admin), application.id, s.id, { body: `${body}(${i + 1})`, status: i % 5 ? 'done' : 'in_progress', organisationId: members[i % members.length] });
    for (const m of members) await saveBudget(as(admin), application.id, { organisationId: m, lines: [2090, 2091, 2092, 2093].map((year) => ({ year, wage: 40_000_000, other: 9_000_000 })) });
    console.log(`subsidies: application with ${view.sections.length} sections in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const t1 = Date.now();
    for (const [i, o] of orgs.slice(0, PORTFOLIO_ORGANISATIONS).entries()) {
      const g = await createGrant(as(advisor), { callId: call.id, organisationId: o.id, themeSlug: themes[i % themes.length].slug, decidedOn: '2089-12-01', years: [2090, 2091, 2092, 2093].map((year) => ({ year, wage: 20_000_000 + i * 100_000, other: 5_000_000 + i * 1_001 })) });
      await adjustGrant(as(advisor), g.id, { year: 2091, wage: 500_000, other: -1_000, reason: 'Jaarlijkse beoordeling', decidedOn: '2090-11-01' });
      await indexGrant(as(advisor), g.id, { year: 2091, percentage: '2,35', decidedOn: '2090-12-01' });
      await adjustGrant(as(advisor), g.id, { year: 2092, wage: -250_000, other: 0, reason: 'Minder uren', decidedOn: '2091-11-01' });
      await indexGrant(as(advisor), g.id, { year: 2092, percentage: '3,1', decidedOn: '2091-12-01' });
    }
    console.log(`subsidies: ${PORTFOLIO_ORGANISATIONS} grants with 5 decisions each in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    return { applicationId: application.id, callId: call.id };
  } finally {
    await database.close();
  }
}

async function signIn(base: string, email: string, password: string): Promise<string> {
  const page = await fetch(`${base}/inloggen`);
  const first = page.headers.getSetCookie().map((c) => c.split(';')[0]);
  const csrf = (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!csrf) throw new Error('no CSRF token on /inloggen');
  const res = await fetch(`${base}/inloggen`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: first.join('; ') }, body: new URLSearchParams({ _csrf: csrf, email, password }).toString() });
  if (res.status !== 303) throw new Error(`login as ${email} answered ${res.status}`);
  const jar = new Map(first.map((c) => [c.split('=')[0], c] as const));
  for (const c of res.headers.getSetCookie()) jar.set(c.split('=')[0], c.split(';')[0]);
  return [...jar.values()].join('; ');
}

/** (a) and (b) against a running server. */
export async function measureSubsidies(base: string, setup: SubsidiesBenchSetup, kind: string, duration: number, accounts: { partner: string; advisor: string; password: string }, figures: Record<string, number>, report: Record<string, unknown>): Promise<void> {
  const partnerCookie = await signIn(base, accounts.partner, accounts.password);
  const appPath = `/subsidies/aanvragen/${setup.applicationId}`;
  const check = await fetch(base + appPath, { headers: { cookie: partnerCookie } });
  const html = await check.text();
  if (check.status !== 200) throw new Error(`application page answered ${check.status}`);
  const sections = (html.match(/\/onderdelen\/[0-9a-f-]{36}"/g) ?? []).length;
  if (sections !== APPLICATION_SECTIONS) throw new Error(`application page shows ${sections} sections, expected ${APPLICATION_SECTIONS}`);
  const run = async (d: number) => {
    const times: number[] = [];
    const instance = autocannon({ url: base, requests: [{ method: 'GET', path: appPath, headers: { cookie: partnerCookie } }], duration: d, connections: APPLICATION_CONNECTIONS, pipelining: 1 }) as unknown as Promise<autocannon.Result> & { on(event: 'response', fn: (...args: never[]) => void): void };
    instance.on('response', (_c: unknown, _s: number, _b: number, t: number) => times.push(t));
    const r = await instance;
    times.sort((a, b) => a - b);
    return { rps: r.requests.average, p95: percentile(times, 95), p50: percentile(times, 50), errors: r.errors + r.timeouts, non2xx: r.non2xx, requests: times.length };
  };
  await run(2); // warm-up
  const m = await run(duration);
  // Errors (timeouts under load) are recorded beside the figure, not hidden: the p95 is of the answered requests.
  if (m.non2xx) throw new Error(`application page: ${m.non2xx} non-2xx answers`);
  figures[`subsidies.application.page.p95_ms.${kind}`] = round(m.p95);
  if (m.errors) figures[`subsidies.application.page.errors.${kind}`] = m.errors;
  report[`subsidies.application.${kind}`] = m;
  console.log(`subsidies (${kind}): application page p95 ${m.p95} ms, p50 ${m.p50} ms, ${Math.round(m.rps)} req/s at ${APPLICATION_CONNECTIONS} connections`);

  const advisorCookie = await signIn(base, accounts.advisor, accounts.password);
  const url = `${base}/subsidies/uitvragen/${setup.callId}/portefeuille`;
  const times: number[] = [];
  for (let i = 0; i <= PORTFOLIO_RUNS; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers: { cookie: advisorCookie } });
    const text = await res.text();
    const ms = performance.now() - t;
    if (res.status !== 200) throw new Error(`portfolio answered ${res.status}`);
    if (i === 0 && !text.includes(`Beschikkingen (${PORTFOLIO_ORGANISATIONS})`)) throw new Error('portfolio does not list every grant');
    if (i > 0) times.push(ms);
  }
  figures[`subsidies.portfolio.ms.${kind}`] = round(median(times));
  report[`subsidies.portfolio.${kind}`] = { runs: times.map(round) };
  console.log(`subsidies (${kind}): portfolio of ${PORTFOLIO_ORGANISATIONS} grants ${round(median(times))} ms (median of ${PORTFOLIO_RUNS})`);
}
