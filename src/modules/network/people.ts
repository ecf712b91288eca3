// People who work at an organisation: work identity and T-shaped expertise, and their Driehoek role per district.
// Minimal personal data: the work contact point is public. Reads by a signed-in user are audited (one row per list or
// person read: who read whose data, when); anonymous reads of the public pages are not. Every change is audited in
// the same transaction.
import { and, arrayContains, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { organisationPeople, driehoekAssignments } from './schema.ts';
import { personInput, type DriehoekRole, type PersonInput } from './types.ts';
import { notFound, parseChecked, type FieldError } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { requireOrganisationManager } from './policy.ts';
import { checkRefs, frameworkRefs, inFrameworkOrder } from './refs.ts';
import { getOrganisation, getOrganisationNames } from './organisations.ts';

export interface DriehoekEntry {
  district: string;
  role: DriehoekRole;
}

export interface PersonView {
  id: string;
  organisationId: string;
  organisationName: string;
  name: string;
  jobTitle: string;
  workEmail: string | null;
  workPhone: string | null;
  generalistArea: string;
  specialisms: string[];
  districts: string[];
  themes: string[];
  driehoek: DriehoekEntry[];
  updatedAt: Date;
}

export interface PeopleFilter {
  organisationId?: string;
  theme?: string;
  district?: string;
  /** A specialism (tag), or the generalist area. */
  expertise?: string;
  /** Only people with a Driehoek role (in `district`, when given). */
  driehoekOnly?: boolean;
}

type Row = typeof organisationPeople.$inferSelect;

async function views(ctx: ServiceContext, rows: Row[]): Promise<PersonView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const roles = await ctx.db
    .select()
    .from(driehoekAssignments)
    .where(and(eq(driehoekAssignments.tenantId, ctx.tenant), inArray(driehoekAssignments.personId, ids)))
    .orderBy(asc(driehoekAssignments.districtCode));
  const names = await getOrganisationNames(
    ctx,
    rows.map((r) => r.organisationId),
  );
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisationId,
    organisationName: names.get(r.organisationId) ?? '',
    name: r.name,
    jobTitle: r.jobTitle,
    workEmail: r.workEmail,
    workPhone: r.workPhone,
    generalistArea: r.generalistArea,
    specialisms: r.specialisms,
    districts: r.districts,
    themes: r.themes,
    driehoek: roles.filter((d) => d.personId === r.id).map((d) => ({ district: d.districtCode, role: d.role as DriehoekRole })),
    updatedAt: r.updatedAt,
  }));
}

export async function listPeople(ctx: ServiceContext, f: PeopleFilter = {}): Promise<PersonView[]> {
  const where: SQL[] = [eq(organisationPeople.tenantId, ctx.tenant)];
  if (f.organisationId) {
    if (!z.uuid().safeParse(f.organisationId).success) return [];
    where.push(eq(organisationPeople.organisationId, f.organisationId));
  }
  if (f.theme) where.push(arrayContains(organisationPeople.themes, [f.theme]));
  if (f.district) where.push(arrayContains(organisationPeople.districts, [f.district]));
  if (f.expertise) where.push(arrayContains(organisationPeople.specialisms, [f.expertise.toLowerCase()]));
  const rows = await ctx.db
    .select()
    .from(organisationPeople)
    .where(and(...where))
    .orderBy(asc(organisationPeople.name), asc(organisationPeople.id));
  const all = await views(ctx, rows);
  const out = f.driehoekOnly ? all.filter((p) => p.driehoek.some((d) => !f.district || d.district === f.district)) : all;
  await auditRead(ctx, { ...f, count: out.length });
  return out;
}

/** One audit row for a read of people's data by a signed-in user (a list: the filter and how many were shown). */
async function auditRead(ctx: ServiceContext, details: Record<string, unknown>, personId?: string) {
  if (!ctx.actor) return;
  const given = Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined && v !== ''));
  await recordAudit(ctx, personId ? { action: 'network.person_read', subjectType: 'organisation_person', subjectId: personId, details: given } : { action: 'network.people_read', subjectType: 'organisation_person', details: given });
}

/** The Driehoek of a district (or of all districts): who holds which role. */
export async function listDriehoek(ctx: ServiceContext, district?: string): Promise<(DriehoekEntry & { person: PersonView })[]> {
  const where: SQL[] = [eq(driehoekAssignments.tenantId, ctx.tenant)];
  if (district) where.push(eq(driehoekAssignments.districtCode, district));
  const assignments = await ctx.db.select().from(driehoekAssignments).where(and(...where));
  if (assignments.length === 0) return [];
  const rows = await ctx.db
    .select()
    .from(organisationPeople)
    .where(and(eq(organisationPeople.tenantId, ctx.tenant), inArray(organisationPeople.id, [...new Set(assignments.map((a) => a.personId))])))
    .orderBy(asc(organisationPeople.name));
  const people = new Map((await views(ctx, rows)).map((p) => [p.id, p]));
  await auditRead(ctx, { driehoek: district ?? 'all', count: people.size });
  return assignments.filter((a) => people.has(a.personId)).map((a) => ({ district: a.districtCode, role: a.role as DriehoekRole, person: people.get(a.personId)! }));
}

/** One person; with organisationId, only when they work there (otherwise "not found"). A signed-in read is audited. */
export async function getPerson(ctx: ServiceContext, id: string, organisationId?: string): Promise<PersonView> {
  const person = await findPerson(ctx, id, organisationId);
  await auditRead(ctx, { organisationId: person.organisationId }, person.id);
  return person;
}

/** One person, without an audit row: for the writes below, which audit themselves. */
async function findPerson(ctx: ServiceContext, id: string, organisationId?: string): Promise<PersonView> {
  if (!z.uuid().safeParse(id).success) throw notFound();
  const [row] = await ctx.db.select().from(organisationPeople).where(and(eq(organisationPeople.tenantId, ctx.tenant), eq(organisationPeople.id, id)));
  if (!row || (organisationId !== undefined && row.organisationId !== organisationId)) throw notFound();
  return (await views(ctx, [row]))[0];
}

type CheckedPerson = z.output<typeof personInput>;

async function checkedPerson(ctx: ServiceContext, raw: PersonInput): Promise<CheckedPerson> {
  const refs = await frameworkRefs(ctx);
  // Shape and references in one pass: every problem at once.
  const input = await parseChecked(personInput, raw, (p) => {
    const errors: FieldError[] = checkRefs(refs, p);
    const driehoekDistricts = (p.driehoek ?? []).map((d) => d.district);
    if (driehoekDistricts.some((d) => !refs.districts.has(d))) errors.push({ field: 'driehoek', message: 'error.unknownDistrict', code: 'unknown' });
    else if (new Set(driehoekDistricts).size !== driehoekDistricts.length) errors.push({ field: 'driehoek', message: 'network.oneRolePerDistrict', code: 'duplicate' });
    return errors;
  });
  const driehoekDistricts = input.driehoek.map((d) => d.district);
  return {
    ...input,
    specialisms: [...new Set(input.specialisms)],
    // A Driehoek role in a district means working there.
    districts: inFrameworkOrder([...input.districts, ...driehoekDistricts], refs.districts),
    themes: inFrameworkOrder(input.themes, refs.themes),
  };
}

const columns = (p: CheckedPerson) => ({
  name: p.name,
  jobTitle: p.jobTitle,
  workEmail: p.workEmail ?? null,
  workPhone: p.workPhone ?? null,
  generalistArea: p.generalistArea,
  specialisms: p.specialisms,
  districts: p.districts,
  themes: p.themes,
});

async function writeDriehoek(tx: ServiceContext, personId: string, entries: DriehoekEntry[]) {
  await tx.db.delete(driehoekAssignments).where(and(eq(driehoekAssignments.tenantId, tx.tenant), eq(driehoekAssignments.personId, personId)));
  if (entries.length) await tx.db.insert(driehoekAssignments).values(entries.map((e) => ({ tenantId: tx.tenant, personId, districtCode: e.district, role: e.role })));
}

export async function createPerson(ctx: ServiceContext, organisationId: string, raw: PersonInput): Promise<PersonView> {
  requireOrganisationManager(ctx, organisationId);
  await getOrganisation(ctx, organisationId);
  const input = await checkedPerson(ctx, raw);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(organisationPeople)
      .values({ tenantId: tx.tenant, organisationId, ...columns(input) })
      .returning();
    await writeDriehoek(tx, row.id, input.driehoek);
    await recordAudit(tx, { action: 'network.person_create', subjectType: 'organisation_person', subjectId: row.id, details: { organisationId } });
    return findPerson(tx, row.id);
  });
}

const sameList = (a: unknown[], b: unknown[]) => JSON.stringify(a) === JSON.stringify(b);

export async function updatePerson(ctx: ServiceContext, organisationId: string, personId: string, raw: PersonInput): Promise<PersonView> {
  requireOrganisationManager(ctx, organisationId);
  const input = await checkedPerson(ctx, raw);
  return inTransaction(ctx, async (tx) => {
    const before = await findPerson(tx, personId, organisationId);
    const next = columns(input);
    // The audit row names the fields that changed, not their values: the log itself holds no extra personal data.
    const changed: string[] = (Object.keys(next) as (keyof typeof next)[]).filter((k) => !sameList([before[k]], [next[k]]));
    const sorted = (l: DriehoekEntry[]) => l.map((d) => `${d.district}:${d.role}`).sort();
    if (!sameList(sorted(before.driehoek), sorted(input.driehoek))) changed.push('driehoek');
    await tx.db
      .update(organisationPeople)
      .set({ ...next, updatedAt: tx.now() })
      .where(and(eq(organisationPeople.tenantId, tx.tenant), eq(organisationPeople.id, personId)));
    await writeDriehoek(tx, personId, input.driehoek);
    await recordAudit(tx, { action: 'network.person_update', subjectType: 'organisation_person', subjectId: personId, details: { organisationId, fields: changed } });
    return findPerson(tx, personId);
  });
}

export async function deletePerson(ctx: ServiceContext, organisationId: string, personId: string): Promise<void> {
  requireOrganisationManager(ctx, organisationId);
  await inTransaction(ctx, async (tx) => {
    await findPerson(tx, personId, organisationId);
    await tx.db.delete(organisationPeople).where(and(eq(organisationPeople.tenantId, tx.tenant), eq(organisationPeople.id, personId)));
    await recordAudit(tx, { action: 'network.person_delete', subjectType: 'organisation_person', subjectId: personId, details: { organisationId } });
  });
}
