// Demo data of the subsidies module: the call 2020–2023 (the call in the sources is for that period) with Haarlem's
// seven theme tables, and the course of one table's joint application through the services as it would have gone
// in 2019–2021: written together by the members, submitted, assessed, granted per organisation, reviewed with an
// adjustment and an indexation. Before submitting, the table writes its plans for 2020–2023 (the planned activities
// and reach of the application: demo-plans.ts). A second table's application is still being written; one single
// grantee carries an SROI obligation. The budget figures are demo figures: the sources name no amounts. Runs the real services with
// the clock set to the day of each step, so every rule (deadline, ceiling, conflicts) is applied as it would be.
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import type { Rng } from '../../platform/rng.ts';
import { users } from '../../platform/auth/schema.ts';
import { getReport, listThemes } from '../framework/service.ts';
import { findOrganisationIdsByName } from '../network/service.ts';
import { subsidyCalls } from './schema.ts';
import { openCall, addTableMember, addTableNote, getCall } from './call-service.ts';
import { startApplication, getApplication, updateSection, saveBudget, submitApplication } from './application-service.ts';
import { assignAssessor, saveScores, agreeAssessment } from './assessment-service.ts';
import { createGrant, adjustGrant, indexGrant, registerSroi, getGrant } from './grant-service.ts';
import { seedTablePlans } from './demo-plans.ts';

const PERIOD = '2020-2023';
const at = (ctx: ServiceContext, actor: Actor | null, iso: string): ServiceContext => ({ ...ctx, actor, system: undefined, now: () => new Date(`${iso}T10:00:00Z`) });
const EURO = 100;

const texts: Record<string, string> = {
  'criterium-1': 'DOCK Haarlem en Haarlem Effect bieden samen met de andere partners aan deze tafel ontmoeting in alle stadsdelen: inloop in de Huizen van de Wijk, activiteiten van bewonersinitiatieven en buurtnetwerken.',
  'criterium-2': 'Wij verdelen het werk per wijk en per doelgroep, zodat er geen overlap is. Elke organisatie doet waar zij goed in is.',
  'criterium-3': 'Inwoners en professionals herkennen het aanbod aan één programma per Huis van de Wijk en één sociale kaart.',
  'criterium-4': 'Elke activiteit draagt bij aan een subdoel van het thema en werkt volgens de wat-werkt-principes, zoals aansluiten bij de leefwereld van inwoners.',
  'criterium-5': 'Ontmoeting draagt ook bij aan vrijwillige inzet en aan redzaamheid in en om het huis.',
  'criterium-6': 'Extra aandacht voor Schalkwijk en Oost, en voor ouderen en statushouders.',
  'criterium-7': 'Inwoners en ketenpartners zaten bij de gesprekken aan de thematafel; de verantwoording volgt de vier niveaus van paragraaf 6.',
  'kwaliteit/toegankelijkheid': 'Alle locaties zijn rolstoeltoegankelijk; een gastvrouw of gastheer ontvangt bezoekers.',
  'kwaliteit/diversiteit': 'Wij werken met sleutelfiguren uit verschillende culturele groepen en met zelforganisaties.',
  'kwaliteit/betaalbaarheid': 'Met de HaarlemPas doen inwoners gratis mee.',
  'kwaliteit/clientondersteuning': 'De inloopspreekuren in de Huizen van de Wijk vallen onder cliëntondersteuning.',
  'kwaliteit/privacy': 'Wij werken met het minimum aan persoonsgegevens en volgen de Haarlemse privacyprincipes.',
};

/** The demo: skipped when the call for 2020–2023 exists already (safe to run again). */
export async function seedSubsidiesDemo(ctx: ServiceContext, rng: Rng, _scale: number): Promise<string[]> {
  const [exists] = await ctx.db.select({ id: subsidyCalls.id }).from(subsidyCalls).where(and(eq(subsidyCalls.tenantId, ctx.tenant), eq(subsidyCalls.periodCode, PERIOD)));
  if (exists) return [];
  const account = async (email: string) => {
    const [u] = await ctx.db.select().from(users).where(and(eq(users.tenantId, ctx.tenant), eq(users.email, email)));
    return u;
  };
  const advisorUser = await account('beleid@demo.sociale-basis.nl');
  const contractUser = await account('contract@demo.sociale-basis.nl');
  const ids = await findOrganisationIdsByName(ctx, ['DOCK Haarlem', 'Haarlem Effect', 'Leger des Heils', 'Stichting Ontmoeting', 'Zorgbalans', 'PerMens']);
  const id = (n: string) => ids.get(n.toLowerCase()) ?? ids.get(n);
  const dock = id('DOCK Haarlem');
  const effect = id('Haarlem Effect');
  if (!advisorUser || !dock || !effect) return [];
  const advisor: Actor = { userId: advisorUser.id, name: advisorUser.name, email: advisorUser.email, roles: ['policy_advisor'], organisationId: advisorUser.organisationId };
  const contract: Actor | null = contractUser ? { userId: contractUser.id, name: contractUser.name, email: contractUser.email, roles: ['contract_manager'], organisationId: contractUser.organisationId } : null;
  const staff = (organisationId: string, name: string): Actor => ({ userId: '', name, email: '', roles: ['partner_staff'], organisationId });
  const dockStaff = staff(dock, 'Petra Partner');
  const effectStaff = staff(effect, 'Hanna Effect');

  // The call, with a demo ceiling per theme, and the tables: the report's theme leads and the two welfare
  // organisations, who wrote the joint applications together (the 2021 report).
  const themes = await listThemes(ctx, PERIOD);
  const call = await openCall(at(ctx, advisor, '2019-05-15'), { periodCode: PERIOD, title: '', applicationDeadline: '2019-10-01', decisionDeadline: '2019-12-15', themes: themes.map((t) => ({ slug: t.slug, ceiling: 6_000_000 * EURO })) });
  const report = await getReport(ctx);
  for (const table of call.tables) {
    const leads = report?.content.themeLeads.find((l) => l.themeSlug === table.themeSlug)?.organisationIds ?? [];
    for (const org of new Set([dock, effect, ...leads.filter((x): x is string => !!x)])) await addTableMember(at(ctx, advisor, '2019-05-20'), table.id, { organisationId: org });
  }
  const byTheme = (slug: string) => call.tables.find((t) => t.themeSlug === slug)!;
  const ontmoeten = byTheme('ontmoeten') ?? call.tables[0];
  await addTableNote(at(ctx, dockStaff, '2019-06-12'), ontmoeten.id, { kind: 'meeting', date: '2019-06-12', attendees: 'DOCK Haarlem, Haarlem Effect, gemeente (beleidsadviseur)', text: 'Taakverdeling per onderdeel afgesproken. DOCK Haarlem trekt de criteria 1 tot en met 4, Haarlem Effect de criteria 5 tot en met 7 en de verklaringen.' });
  await addTableNote(at(ctx, advisor, '2019-07-03'), ontmoeten.id, { kind: 'reaction', date: '2019-07-03', text: 'Graag in criterium 6 concreet maken welke wijken in Schalkwijk en Oost extra aandacht krijgen.' });

  // The joint application of Ontmoeten, written together and submitted before the deadline.
  const app = await startApplication(at(ctx, dockStaff, '2019-06-15'), ontmoeten.id);
  const view = await getApplication(at(ctx, advisor, '2019-06-15'), app.id);
  for (const s of view.sections) {
    const byDock = s.kind === 'criterion' && Number(s.key.split('-')[1]) <= 4;
    const writer = byDock ? dockStaff : effectStaff;
    await updateSection(at(ctx, writer, '2019-08-20'), app.id, s.id, { body: texts[s.key] ?? 'Zie de toelichting van de tafel.', status: 'done', organisationId: byDock ? dock : effect });
  }
  const years = [2020, 2021, 2022, 2023];
  // The planned activities and reach: the table's plans for the years of the call (the same data, not a copy).
  const names = new Map(view.table.members.map((m) => [m.id, m.name]));
  const plans = await seedTablePlans(ctx, rng, {
    periodCode: PERIOD,
    themeSlug: ontmoeten.themeSlug,
    years,
    members: view.table.members.map((m) => m.id),
    advisor,
    staffOf: (org) => (org === dock ? dockStaff : org === effect ? effectStaff : staff(org, `Medewerker ${names.get(org) ?? ''}`.trim())),
    at: (actor, iso) => at(ctx, actor, iso),
    day: '2019-08-28',
  });
  await saveBudget(at(ctx, dockStaff, '2019-09-02'), app.id, { organisationId: dock, lines: years.map((year) => ({ year, wage: 620_000 * EURO, other: 140_000 * EURO })) });
  await saveBudget(at(ctx, effectStaff, '2019-09-03'), app.id, { organisationId: effect, lines: years.map((year) => ({ year, wage: 410_000 * EURO, other: 90_000 * EURO })) });
  await submitApplication(at(ctx, dockStaff, '2019-09-27'), app.id);

  // Assessment: two assessors of the municipality, then the agreed assessment.
  await assignAssessor(at(ctx, advisor, '2019-10-02'), call.id, { userId: advisor.userId });
  if (contract) await assignAssessor(at(ctx, advisor, '2019-10-02'), call.id, { userId: contract.userId });
  const criteria = view.call.criteria.length ? view.call.criteria : (await getCall(ctx, call.id)).criteria;
  await saveScores(at(ctx, advisor, '2019-10-20'), app.id, { scores: criteria.map((q, i) => ({ criterionKey: q.key, score: i === 5 ? 3 : 4, comment: i === 5 ? 'Wijken nog algemeen benoemd.' : '' })), submit: true });
  if (contract) await saveScores(at(ctx, contract, '2019-10-22'), app.id, { scores: criteria.map((q) => ({ criterionKey: q.key, score: 4, comment: '' })), submit: true });
  await agreeAssessment(at(ctx, advisor, '2019-11-05'), app.id, { scores: criteria.map((q, i) => ({ criterionKey: q.key, score: i === 5 ? 3 : 4, comment: '' })), conclusion: 'De aanvraag voldoet aan de kwaliteitscriteria. Aandachtspunt: de gebiedsopgaven per wijk concreter maken in het eerste jaarplan.' });

  // The grants per organisation; the yearly review of 2021: an adjustment for DOCK and an indexation.
  const grantOf = async (organisationId: string, wage: number, other: number) =>
    createGrant(at(ctx, advisor, '2019-12-10'), { callId: call.id, organisationId, applicationId: app.id, conditions: 'De activiteiten worden uitgevoerd zoals in de gezamenlijke aanvraag beschreven.', advances: 'quarterly', decidedOn: '2019-12-10', years: years.map((year) => ({ year, wage, other })) });
  const dockGrant = await grantOf(dock, 620_000 * EURO, 140_000 * EURO);
  const effectGrant = await grantOf(effect, 410_000 * EURO, 90_000 * EURO);
  await adjustGrant(at(ctx, advisor, '2020-11-16'), dockGrant.id, { year: 2021, wage: 25_000 * EURO, other: 0, reason: 'Extra inzet in Schalkwijk na de jaarlijkse beoordeling.', decidedOn: '2020-11-16' });
  for (const g of [dockGrant, effectGrant]) await indexGrant(at(ctx, advisor, '2020-12-01'), g.id, { year: 2021, percentage: '2,5', reason: 'Jaarlijkse indexering.', decidedOn: '2020-12-01' });

  // A single grantee above EUR 500,000 a year: the SROI obligation, met in part in 2020.
  const single = id('Leger des Heils');
  const created = [
    `uitvraag ${PERIOD}: ${call.tables.length} thematafels`,
    `gezamenlijke aanvraag ${ontmoeten.themeName}: ingediend, beoordeeld, 2 beschikkingen`,
    `plannen ${years[0]}–${years[years.length - 1]} van de tafel ${ontmoeten.themeName}: ${plans.plans} plannen, ${plans.entries} geplande activiteiten van ${plans.organisations} organisaties (demo-aantallen)`,
  ];
  if (single) {
    const g = await createGrant(at(ctx, advisor, '2019-12-12'), { callId: call.id, organisationId: single, themeSlug: 'redzaam-in-en-om-het-huis', advances: 'monthly', decidedOn: '2019-12-12', years: years.map((year) => ({ year, wage: 560_000 * EURO, other: 120_000 * EURO })) });
    const sroi = (await getGrant(at(ctx, advisor, '2021-01-15'), g.id)).sroi;
    if (sroi.length) await registerSroi(at(ctx, advisor, '2021-01-15'), g.id, { year: 2020, kind: 'work_experience', places: 2, value: 18_000 * EURO, description: 'Twee leerwerkplekken in de maaltijdvoorziening.' });
    created.push('afzonderlijke subsidiepartner met SROI-verplichting');
  }

  // A second table still writing (past the deadline in this demo, so it cannot be submitted any more).
  const redzaam = byTheme('redzaam-in-en-om-het-huis');
  if (redzaam) {
    const draft = await startApplication(at(ctx, dockStaff, '2019-06-20'), redzaam.id);
    const first = (await getApplication(at(ctx, advisor, '2019-06-20'), draft.id)).sections[0];
    await updateSection(at(ctx, dockStaff, '2019-07-01'), draft.id, first.id, { body: 'Eerste opzet: ondersteuning thuis en wegwijs in de stad.', status: 'in_progress', organisationId: dock });
  }
  return created;
}
