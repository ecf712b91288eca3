// Two municipalities in one database, for the tenant isolation tests: Haarlem with its demo data, and a small
// invented second municipality ("Testdorp") created through the services while connected as that municipality.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPglite, openPostgres, queryRows, type Database } from '../src/platform/db/client.ts';
import { tenancyGapsSql, type TenancyRow } from '../src/platform/db/tenancy.ts';
import { systemContext, type ServiceContext } from '../src/platform/context.ts';
import { sql } from 'drizzle-orm';
import { seedAll } from '../src/modules/index.ts';
import { loadFramework, readFrameworkSeed } from '../src/modules/framework/seed.ts';
import { createOrganisation, createPerson } from '../src/modules/network/service.ts';
import { createLocation, createRoom } from '../src/modules/places/locations.ts';
import { requestBooking } from '../src/modules/places/bookings.ts';
import { createActivity, publishActivity } from '../src/modules/catalogue/service.ts';
import { activityInputFor } from '../src/modules/catalogue/test-factory.ts';
import { createResetLink, createUser } from '../src/platform/auth/service.ts';
import { enqueueJob, retentionJob } from '../src/platform/jobs/index.ts';
import { startImport } from '../src/modules/reach/import-records.ts';
import { registerTrajectory } from '../src/modules/effects/outflow-trajectories.ts';
import { seedRegisters } from '../src/modules/effects/outflow-terms.ts';
import { createStory } from '../src/modules/effects/story-service.ts';
import { registerComplaint } from '../src/modules/effects/complaint-service.ts';
import { openCall, addTableMember } from '../src/modules/subsidies/call-service.ts';
import { startApplication as startJointApplication } from '../src/modules/subsidies/application-service.ts';
import { createGrant } from '../src/modules/subsidies/grant-service.ts';
import { adminActor, createTestDatabase, type DbKind, type TestDatabase } from './db.ts';
import { buildOpenSurvey, typicalAnswers, typicalQuestions } from '../src/modules/effects/test-survey-factory.ts';
import { issueSubmissionToken, submitResponse } from '../src/modules/effects/survey-answer.ts';
import { createFundYear } from '../src/modules/fund/years.ts';
import { startApplication, saveAnswer, submitApplication } from '../src/modules/fund/applications.ts';
import { createContract, createRound, addSubcontractor } from '../src/modules/contracts/contracts.ts';

export const HAARLEM = 'GM0392';
export const TESTDORP = 'GM9901';
export const TESTDORP_NAME = 'Testdorp';

/** One database, opened as one municipality at a time (PGlite: one connection) or as several at once (PostgreSQL). */
export class SharedDatabase {
  private open = new Map<string, Database>();
  private constructor(
    readonly kind: DbKind,
    private readonly first: TestDatabase,
    private readonly dataDir: string | undefined,
  ) {
    this.open.set(first.tenant, first);
  }

  static async create(kind: DbKind, tenant: string): Promise<SharedDatabase> {
    const dataDir = kind === 'pglite' ? fs.mkdtempSync(path.join(os.tmpdir(), 'sb-tenancy-')) : undefined;
    return new SharedDatabase(kind, await createTestDatabase(kind, { tenant, dataDir }), dataDir);
  }

  /** The database connected as `tenant` (on PGlite the connection of another tenant is closed first). */
  async as(tenant: string): Promise<Database> {
    const existing = this.open.get(tenant);
    if (existing) return existing;
    if (this.kind === 'pglite') {
      for (const [t, db] of this.open) {
        if (db !== this.first) await db.close();
        this.open.delete(t);
      }
      if (this.first.tenant !== tenant) await this.first.close().catch(() => {});
      const db = await openPglite(this.dataDir, { tenant });
      this.open.set(tenant, db);
      return db;
    }
    const db = await openPostgres(this.first.url!, 5, { tenant });
    this.open.set(tenant, db);
    return db;
  }

  async drop(): Promise<void> {
    for (const db of this.open.values()) if (db !== this.first) await db.close().catch(() => {});
    await this.first.drop().catch(() => {});
    if (this.dataDir) fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

const admin = (db: Database): ServiceContext => ({ ...systemContext(db.db, db.tenant), actor: adminActor });

/** Haarlem's framework and demo data (scale 1) and a queued job, loaded as Haarlem. */
export async function loadHaarlem(db: Database): Promise<void> {
  await seedAll(systemContext(db.db, db.tenant), { demo: true });
  await enqueueJob(admin(db), retentionJob, {});
  const [a] = await queryRows<{ id: string; organisation_id: string }>(db.db, sql`select id, organisation_id from activities where status = 'published' order by created_at limit 1`);
  await startImport(admin(db), { organisationId: a.organisation_id, fileName: 'haarlem-bezoek.csv', content: Buffer.from(`activiteit;datum;pasnummer\n${a.id};2026-01-05;HAARLEM01\n`) });
  await surveyWithResponse(db, 'Haarlem', 'ontmoeten');
  await addRegisterRecords(db, 'Haarlem');
  const [vo] = await queryRows<{ id: string }>(db.db, sql`select id from organisations where type = 'volunteer-organisation' order by name limit 1`);
  await addFundApplication(db, vo.id, 'Haarlem');
}

/** effects (surveys): an open survey with one public response and a consent for follow-up. */
async function surveyWithResponse(db: Database, name: string, theme: string) {
  const ctx = admin(db);
  const s = await buildOpenSurvey(ctx, { titleNl: `${name} enquête`, themeSlugs: [theme] }, typicalQuestions.map((q) => ({ ...q, subGoals: [] })));
  const { token } = await issueSubmissionToken(ctx, s.id);
  await submitResponse(ctx, s.id, 'public', { token, answers: typicalAnswers(s), consent: { contact: `inwoner@${name.toLowerCase()}.example` } });
}

/** The effects registers: a trajectory, a story and a complaint of the municipality's first organisation. */
async function addRegisterRecords(db: Database, label: string): Promise<void> {
  await seedRegisters(systemContext(db.db, db.tenant));
  const ctx = { ...admin(db), actor: { ...adminActor, userId: crypto.randomUUID() } };
  const [org] = await queryRows<{ id: string }>(db.db, sql`select id from organisations order by created_at limit 1`);
  const [theme] = await queryRows<{ slug: string }>(db.db, sql`select slug from themes order by position limit 1`);
  await registerTrajectory(ctx, { organisationId: org.id, passNumber: `${label.slice(0, 2).toUpperCase()}12345`, kindKey: 'coaching', themeSlug: theme.slug, startDate: '2025-01-01' });
  await createStory(ctx, { organisationId: org.id, title: `${label} verhaal van de koffieochtend`, body: 'Zij kwam weer onder de mensen.', storyDate: '2025-02-01', consentMedia: ['text'], consentUses: ['internal'], consentUntil: '2030-01-01' });
  await registerComplaint(ctx, { typeKey: 'klacht', receivedDate: '2025-03-01', subject: `${label} klacht over de openingstijden`, organisationId: org.id });
}

/** Testdorp: its own framework (Haarlem's text, renamed), an organisation with a person, a location with a room, a booking, a published activity, a user and a queued job. */
export async function loadTestdorp(db: Database): Promise<void> {
  const seed = readFrameworkSeed();
  const renamed = (name: string) => `${TESTDORP_NAME} ${name}`;
  const slug = (s: string) => `testdorp-${s}`;
  await loadFramework(systemContext(db.db, db.tenant), {
    ...seed,
    municipality: { code: db.tenant, name: TESTDORP_NAME },
    themes: seed.themes.map((t) => ({ ...t, slug: slug(t.slug), name: renamed(t.name) })),
    report: seed.report && { ...seed.report, themeLeads: seed.report.themeLeads.map((l) => ({ ...l, themeSlug: slug(l.themeSlug), organisations: l.organisations.map(renamed) })) },
    organisations: seed.organisations.map((o) => ({ ...o, name: renamed(o.name) })),
  });
  const ctx = admin(db);
  const org = await createOrganisation(ctx, { name: 'Testdorp Buurtwerk', type: 'volunteer-organisation', description: 'Testdorp buurtwerk' });
  await createPerson(ctx, org.id, { name: 'Testdorp Medewerker', jobTitle: 'Buurtwerker', generalistArea: 'Sociaal werk', specialisms: ['schulden'], districts: ['noord'], themes: ['testdorp-ontmoeten'], driehoek: [] });
  const hours = { open: '08:00', close: '22:00' };
  const location = await createLocation(ctx, { name: 'Testdorp Dorpshuis', address: 'Dorpsstraat 1', postcode: '9999 ZZ', districtCode: 'noord', openingHours: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: hours, sun: hours } });
  const room = await createRoom(ctx, location.id, { name: 'Testdorp Zaal', capacity: 20 });
  const start = new Date(Date.now() + 7 * 86_400_000);
  start.setUTCHours(10, 0, 0, 0);
  await requestBooking(ctx, { roomId: room.id, organisationId: org.id, startsAt: start, endsAt: new Date(start.getTime() + 3_600_000), purpose: 'Testdorp vergadering' });
  const activity = await createActivity(ctx, activityInputFor({ title: 'Testdorp Koffieochtend', organisationId: org.id, themes: ['testdorp-ontmoeten'], locationId: location.id, locationName: 'Testdorp Dorpshuis', schedule: { kind: 'weekly', startDate: new Date().toISOString().slice(0, 10), startTime: '10:00', endTime: '11:30', weekdays: [1, 2, 3, 4, 5] } }));
  await publishActivity(ctx, activity.id);
  await createUser(ctx, { email: 'medewerker@testdorp.example', name: 'Testdorp Gebruiker', roles: ['partner_staff'], organisationId: org.id, password: 'testdorp-wachtwoord-1' });
  await enqueueJob(ctx, retentionJob, {});
  await startImport(ctx, { organisationId: org.id, fileName: 'testdorp-bezoek.csv', content: Buffer.from(`activiteit;datum;pasnummer\n${activity.id};2026-01-05;TESTDORP1\n`) });
  await surveyWithResponse(db, TESTDORP_NAME, 'testdorp-ontmoeten');
  await addRegisterRecords(db, TESTDORP_NAME);
  await addFundApplication(db, org.id, TESTDORP_NAME);
  await addSubsidyRecords(db, org.id);
  // contracts: a contract with the renamed cooperative, a round and one subcontractor
  const contractor = (await createOrganisation(ctx, { name: `${TESTDORP_NAME} Coöperatie`, type: 'cooperative' })).id;
  const contract = await createContract(ctx, { name: `${TESTDORP_NAME} Opdracht`, contractorOrganisationId: contractor, startsOn: '2023-01-01' });
  const round = await createRound(ctx, contract.id, { year: 2023, proposalFrom: '2022-09-11', proposalTo: '2022-09-20', conversationsFrom: '2022-09-16', conversationsTo: '2022-09-30', decisionFrom: '2022-10-01', decisionTo: '2022-10-10' });
  await addSubcontractor(ctx, round.id, { organisationId: org.id, providerKind: `${TESTDORP_NAME} dagopvang` });
}

/** fund: a fund year open today and one sent application of a volunteer organisation. */
async function addFundApplication(db: Database, organisationId: string, label: string): Promise<void> {
  const ctx = admin(db);
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const year = 2090;
  await createFundYear(ctx, { year, budgetCents: 1_000_000, opensOn: day(-1), closesOn: day(30), decisionDeadline: day(60), note: `${label} fonds` });
  const member = { ...ctx, actor: { userId: crypto.randomUUID(), name: `${label} vrijwilliger`, email: 'v@test.nl', roles: ['volunteer' as const], organisationId } };
  await startApplication(member, year);
  await saveAnswer(member, year, 'wie', { whoWeAre: `${label} vrijwilligers die voorlezen` });
  await saveAnswer(member, year, 'wat', { whatWeDo: 'Voorlezen' });
  await saveAnswer(member, year, 'voor-wie', { forWhom: 'Kinderen' });
  await saveAnswer(member, year, 'bedrag', { requestedCents: 100_000 });
  await submitApplication(member, year);
}

/** subsidies: a call with its tables, a joint application being written, and a grant to a single grantee. */
async function addSubsidyRecords(db: Database, organisationId: string): Promise<void> {
  const ctx = { ...admin(db), actor: { ...adminActor, userId: crypto.randomUUID() } };
  const [period] = await queryRows<{ code: string; start_year: number; end_year: number }>(db.db, sql`select code, start_year, end_year from call_periods order by start_year desc limit 1`);
  const [theme] = await queryRows<{ slug: string }>(db.db, sql`select slug from themes order by position limit 1`);
  const call = await openCall(ctx, { periodCode: period.code, applicationDeadline: '2099-01-01', decisionDeadline: '2099-02-01', themes: [{ slug: theme.slug, ceiling: 100_000_000 }] });
  await addTableMember(ctx, call.tables[0].id, { organisationId });
  await startJointApplication(ctx, call.tables[0].id);
  const years = Array.from({ length: period.end_year - period.start_year + 1 }, (_, i) => period.start_year + i);
  await createGrant(ctx, { callId: call.id, organisationId, decidedOn: '2025-01-01', years: years.map((year) => ({ year, wage: 1_000_000, other: 0 })) });
}

/** Every table with a tenant_id column, with its isolation state. */
export const tenantTables = (db: Database) => queryRows<TenancyRow>(db.db, sql.raw(tenancyGapsSql));

/** What identifies a municipality's rows in a response: their ids and their names. */
export interface Fingerprint {
  ids: Set<string>;
  texts: string[];
  /** All of the municipality's rows as text. */
  corpus: string;
  /** Values to fill route parameters with. */
  params: { user: string; organisation: string; person: string; personOrganisation: string; activity: string; location: string; room: string; job: string; import: string; slug: string; token: string; month: string; survey: string; question: string; trajectory: string; story: string; complaint: string; fundApplication: string; contract: string; contractRound: string; subcontractor: string; indicator: string; indicatorImport: string; indicatorTarget: string; call: string; table: string; application: string; section: string; grant: string };
}

export async function fingerprint(db: Database): Promise<Fingerprint> {
  const ids = new Set<string>();
  let corpus = '';
  for (const { table } of await tenantTables(db)) {
    for (const r of await queryRows<{ v: string }>(db.db, sql.raw(`select t::text as v from "${table}" t`))) corpus += `${r.v}\n`;
    const cols = await queryRows<{ column_name: string }>(db.db, sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = ${table} and data_type = 'uuid'`);
    for (const { column_name } of cols) {
      for (const r of await queryRows<{ v: string | null }>(db.db, sql.raw(`select distinct "${column_name}"::text as v from "${table}"`))) if (r.v) ids.add(r.v);
    }
  }
  const texts: string[] = [];
  for (const q of ['select name as v from organisations', 'select title as v from activities', 'select name as v from locations', 'select email as v from users', 'select name as v from organisation_people', 'select name as v from users', 'select title as v from effects_stories', 'select subject as v from effects_complaints', 'select who_we_are as v from fund_applications', 'select name as v from contracts', 'select provider_kind as v from contract_subcontractors']) {
    for (const r of await queryRows<{ v: string }>(db.db, sql.raw(q))) texts.push(r.v);
  }
  const one = async (q: string) => (await queryRows<Record<string, string>>(db.db, sql.raw(q)))[0] ?? {};
  const person = await one('select id, organisation_id from organisation_people order by created_at limit 1');
  const booking = await one(`select organisation_id, to_char(starts_at at time zone 'Europe/Amsterdam', 'YYYY-MM') as month from bookings order by starts_at limit 1`);
  const room = await one('select id, location_id from rooms order by created_at limit 1');
  const user = await one("select id, email from users where email not like 'admin-%' order by created_at limit 1");
  const reset = await createResetLink(admin(db), user.email, 'http://localhost:3000');
  return {
    ids,
    texts,
    corpus,
    params: {
      user: user.id,
      organisation: booking.organisation_id,
      person: person.id,
      personOrganisation: person.organisation_id,
      activity: (await one("select id from activities where status = 'published' order by created_at limit 1")).id,
      location: room.location_id,
      room: room.id,
      job: (await one('select id from jobs order by created_at limit 1')).id,
      import: (await one('select id from reach_imports order by created_at limit 1')).id,
      slug: (await one('select slug from themes order by position limit 1')).slug,
      token: new URL(reset.url).pathname.split('/').at(-1)!,
      month: booking.month,
      survey: (await one('select id from surveys order by created_at limit 1')).id,
      question: (await one('select id from survey_questions order by position limit 1')).id,
      trajectory: (await one('select id from effects_trajectories order by created_at limit 1')).id,
      story: (await one('select id from effects_stories order by created_at limit 1')).id,
      complaint: (await one('select id from effects_complaints order by created_at limit 1')).id,
      fundApplication: (await one('select id from fund_applications order by created_at limit 1')).id,
      contract: (await one('select id from contracts order by created_at limit 1')).id,
      contractRound: (await one('select id from contract_rounds order by created_at limit 1')).id,
      subcontractor: (await one('select id from contract_subcontractors order by created_at limit 1')).id,
      indicator: (await one('select key from indicators order by key limit 1')).key ?? 'bestaat-niet',
      indicatorImport: (await one('select id from indicator_imports order by created_at limit 1')).id ?? crypto.randomUUID(),
      indicatorTarget: (await one('select id from indicator_targets order by created_at limit 1')).id ?? crypto.randomUUID(),
      call: (await one('select id from subsidy_calls order by created_at limit 1')).id,
      table: (await one('select id from subsidy_tables order by created_at limit 1')).id,
      application: (await one('select id from subsidy_applications order by created_at limit 1')).id,
      section: (await one('select id from subsidy_sections order by created_at limit 1')).id,
      grant: (await one('select id from subsidy_grants order by created_at limit 1')).id,
    },
  };
}

/** A fingerprint's parameters replaced by values that exist nowhere. */
export function nowhere(f: Fingerprint): Fingerprint['params'] {
  const uuid = () => crypto.randomUUID();
  return { user: uuid(), organisation: uuid(), person: uuid(), personOrganisation: uuid(), activity: uuid(), location: uuid(), room: uuid(), job: uuid(), import: uuid(), slug: 'bestaat-niet', token: crypto.randomBytes(32).toString('base64url'), month: f.params.month, survey: uuid(), question: uuid(), trajectory: uuid(), story: uuid(), complaint: uuid(), fundApplication: uuid(), contract: uuid(), contractRound: uuid(), subcontractor: uuid(), indicator: 'bestaat-niet', indicatorImport: uuid(), indicatorTarget: uuid(), call: uuid(), table: uuid(), application: uuid(), section: uuid(), grant: uuid() };
}

/** The path with its parameters filled in, or null when a parameter is not one of a municipality's records. */
export function fillPath(route: string, p: Fingerprint['params']): string {
  return route.replace(/:([a-zA-Z]+)(\{(?:[^{}]|\{[^{}]*\})*\})?/g, (_m, name: string) => {
    if (name === 'slug' || name === 'table') return p.slug;
    if (name === 'lang') return 'nl';
    if (name === 'token') return p.token;
    if (name === 'yearMonth') return p.month;
    if (name === 'personId') return p.person;
    if (name === 'file') return 'app.css';
    if (name === 'step') return 'wie';
    if (/fonds\/aanvragen/.test(route)) return p.fundApplication;
    if (/opdrachten\/rondes|contract-rounds/.test(route)) return p.contractRound;
    if (/opdrachten\/onderaannemers/.test(route)) return p.subcontractor;
    if (/opdrachten|\/contracts\//.test(route)) return p.contract;
    if (/indicatoren\/import/.test(route)) return p.indicatorImport;
    if (/indicatoren\/doelen/.test(route)) return p.indicatorTarget;
    if (/indicatoren|indicators/.test(route) && name === 'key') return p.indicator;
    if (name === 'sid') return p.section;
    if (name === 'number') return '1';
    if (/subsidies\/uitvragen/.test(route)) return p.call;
    if (/subsidies\/tafels/.test(route)) return p.table;
    if (/subsidies\/aanvragen|\/applications\//.test(route)) return p.application;
    if (/subsidies\/beschikkingen|\/grants\//.test(route)) return p.grant;
    if (/verantwoording\/import|\/imports\//.test(route)) return p.import;
    if (name === 'year' && /fonds|\/fund\//.test(route)) return '2090'; // the fund year both municipalities have (addFundApplication)
    if (name === 'year') return '2022';
    if (/verantwoording|\/plans\//.test(route)) return crypto.randomUUID(); // a choice or entry of an accountability plan
    if (/gebruikers|users/.test(route)) return p.user;
    if (/mensen|people/.test(route)) return p.personOrganisation;
    if (/organisaties|organisations/.test(route)) return p.organisation;
    if (/activiteiten|activities/.test(route)) return p.activity;
    if (/locaties|locations/.test(route)) return p.location;
    if (/ruimtes/.test(route)) return p.room;
    if (/taken|jobs/.test(route)) return p.job;
    if (name === 'qid') return p.question;
    if (/enquete|surveys/.test(route)) return p.survey;
    if (/trajecten|trajectories/.test(route)) return p.trajectory;
    if (/verhalen|stories/.test(route)) return p.story;
    if (/klachten|complaints/.test(route)) return p.complaint;
    throw new Error(`no value for :${name} in ${route}`);
  });
}
