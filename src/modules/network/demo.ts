// Demo data of the network module, from a seeded generator (same seed → same data), safe to run again (adds nothing twice).
// All types of organisation, each with districts and themes; 2–4 people at core partners and subcontractors;
// and per district the Driehoek: a gebiedsverbinder, a Sociaal Wijkteam contact and an opbouwwerker.
import { and, eq } from 'drizzle-orm';
import { requireSystem } from '../../platform/auth/require.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { organisations } from './schema.ts';
import { createRng, type Rng } from '../../platform/rng.ts';
import { listDistricts } from '../framework/service.ts';
import { driehoekRoles, expertiseAreas, organisationTypes, type DriehoekRole, type OrganisationType } from './types.ts';
import { frameworkRefs, inFrameworkOrder, themesLedBy, type FrameworkRefs } from './refs.ts';
import { listOrganisations, createOrganisation, type OrganisationView } from './organisations.ts';
import { listPeople, listDriehoek, createPerson } from './people.ts';
import { DEMO_SUFFIX, demoBases, descriptions, firstNames, lastNames, generalistAreas, jobTitles, slug, hash } from './demo-names.ts';

/** Demo organisations per type, per unit of scale. */
const perScale: Partial<Record<OrganisationType, number>> = { subcontractor: 15, 'volunteer-organisation': 6, 'resident-initiative': 6, 'chain-partner': 3 };
const MIN_ORGANISATIONS = 60;

const seedActor = { userId: '', name: 'seed', email: 'seed', roles: ['administrator' as const], organisationId: null };

/** The i-th demo name of a type: base × district, spread over the districts, unique for every i. */
function demoName(type: OrganisationType, i: number, districtNames: string[]): { name: string; district: number } {
  const bases = demoBases[type]!;
  const r = i % bases.length;
  const q = Math.floor(i / bases.length);
  const D = Math.max(1, districtNames.length);
  const district = (r + q) % D;
  const cycle = Math.floor(q / D);
  const where = districtNames.length ? ` ${districtNames[district]}` : '';
  return { name: `${bases[r]}${where}${cycle ? ` ${cycle + 1}` : ''}${DEMO_SUFFIX}`, district };
}

/** Districts and themes for an organisation: broad for the municipality, cooperative and core partners, local for the rest. */
function demoProfile(rng: Rng, o: { name: string; type: OrganisationType }, refs: FrameworkRefs, home: string | null) {
  const districts = [...refs.districts.keys()];
  const themes = [...refs.themes.keys()];
  const led = themesLedBy(refs, o.name).map((t) => t.slug);
  const broad = o.type === 'municipality' || o.type === 'cooperative' || o.type === 'core-partner';
  const homeDistrict = home ?? rng.pick(districts);
  const ds = broad ? districts : o.type === 'resident-initiative' ? [homeDistrict] : [homeDistrict, ...rng.sample(districts, rng.int(0, 1))];
  const ts = o.type === 'municipality' || o.type === 'cooperative' ? themes : [...led, ...rng.sample(themes, rng.int(1, o.type === 'core-partner' ? 3 : 2))];
  return { districts: [...new Set(ds.filter(Boolean))], themes: [...new Set(ts)] };
}

function demoPerson(rng: Rng, org: OrganisationView, taken: Set<string>, extra: { jobTitle?: string; generalistArea?: string; district?: string } = {}) {
  let name = '';
  for (let tries = 0; tries < 20 && (!name || taken.has(name)); tries++) name = `${rng.pick(firstNames)} ${rng.pick(lastNames)}`;
  taken.add(name);
  const domain = `${slug(org.name) || 'organisatie'}.example`;
  const local = slug(name).replace(/-/g, '.');
  const districts = extra.district ? [extra.district] : rng.sample(org.districts, rng.int(1, Math.min(2, Math.max(1, org.districts.length))));
  return {
    name,
    jobTitle: extra.jobTitle ?? rng.pick(jobTitles),
    workEmail: `${local}@${domain}`,
    workPhone: rng.chance(0.5) ? `023 000 ${String(rng.int(0, 9999)).padStart(4, '0')}` : null,
    generalistArea: extra.generalistArea ?? rng.pick(generalistAreas),
    specialisms: rng.sample(expertiseAreas, rng.int(1, 3)),
    districts,
    themes: rng.sample(org.themes, rng.int(1, Math.min(2, Math.max(1, org.themes.length)))),
  };
}

export async function seedNetworkDemo(ctx: ServiceContext, rng: Rng, scale: number): Promise<string[]> {
  requireSystem(ctx);
  const admin: ServiceContext = { ...ctx, actor: seedActor };
  const base = rng.int(1, 2 ** 30);
  const rngFor = (key: string) => createRng((base ^ hash(key)) >>> 0);
  const refs = await frameworkRefs(ctx);
  const districtCodes = [...refs.districts.keys()];
  const districtNames = [...refs.districts.values()];
  // Wijk and buurt names → district, to place organisations like "Wijkraad Meerwijk" in the right district.
  const places: [string, string][] = (await listDistricts(ctx)).flatMap((d) => d.wijken.flatMap((w) => [w, ...w.buurten]).filter((n) => n.name.length >= 5).map((n) => [n.name.toLowerCase(), d.code] as [string, string]));
  const placeOf = (name: string) => places.find(([n]) => name.toLowerCase().includes(n))?.[1] ?? districtCodes.find((c) => name.toLowerCase().includes(refs.districts.get(c)!.toLowerCase())) ?? null;

  let existing = await listOrganisations(ctx);
  const names = new Set(existing.map((o) => o.name));
  const nonDemo = existing.filter((o) => !o.name.endsWith(DEMO_SUFFIX)).length;

  // 1. Demo organisations: a fixed number per type and scale, topped up to at least 60 organisations; every type present.
  const wanted: { type: OrganisationType; i: number }[] = [];
  for (const type of organisationTypes) for (let i = 0; i < (perScale[type] ?? 0) * scale; i++) wanted.push({ type, i });
  const missingTypes = organisationTypes.filter((t) => !existing.some((o) => o.type === t) && !perScale[t]);
  for (const type of missingTypes) wanted.push({ type, i: 0 });
  for (let k = 0; nonDemo + wanted.length < MIN_ORGANISATIONS; k++) {
    const type: OrganisationType = k % 2 ? 'resident-initiative' : 'volunteer-organisation';
    wanted.push({ type, i: (perScale[type] ?? 0) * scale + Math.floor(k / 2) });
  }
  let created = 0;
  for (const w of wanted) {
    const { name, district } = demoName(w.type, w.i, districtNames);
    if (names.has(name)) continue;
    const r = rngFor(`org:${name}`);
    const s = slug(name);
    const profile = demoProfile(r, { name, type: w.type }, refs, districtCodes[district] ?? null);
    await createOrganisation(admin, {
      name,
      type: w.type,
      description: descriptions[w.type],
      website: `https://${s}.example`,
      contactEmail: `info@${s}.example`,
      contactPhone: r.chance(0.6) ? `023 000 ${String(r.int(0, 9999)).padStart(4, '0')}` : null,
      ...profile,
    });
    names.add(name);
    created++;
  }

  // 2. Every organisation gets districts and themes (only where none are set: edits made by people stay).
  // Written directly in one transaction: the codes come from the framework itself, and organisation data is not personal data.
  existing = await listOrganisations(ctx);
  let completed = 0;
  await inTransaction(ctx, async (tx) => {
    for (const o of existing) {
      if (o.districts.length && o.themes.length) continue;
      const profile = demoProfile(rngFor(`profile:${o.name}`), o, refs, placeOf(o.name));
      await tx.db
        .update(organisations)
        .set({ districts: o.districts.length ? o.districts : inFrameworkOrder(profile.districts, refs.districts), themes: o.themes.length ? o.themes : inFrameworkOrder(profile.themes, refs.themes), updatedAt: tx.now() })
        .where(and(eq(organisations.tenantId, tx.tenant), eq(organisations.id, o.id)));
      completed++;
    }
  });
  existing = await listOrganisations(ctx);

  // 3. People: 2–4 at every core partner and subcontractor that has none yet.
  let people = 0;
  for (const o of existing.filter((x) => x.type === 'core-partner' || x.type === 'subcontractor')) {
    if ((await listPeople(ctx, { organisationId: o.id })).length) continue;
    const r = rngFor(`people:${o.name}`);
    const taken = new Set<string>();
    for (let n = r.int(2, 4); n > 0; n--) {
      await createPerson(admin, o.id, demoPerson(r, o, taken));
      people++;
    }
  }

  // 4. The Driehoek per district: gebiedsverbinder (municipality), Sociaal Wijkteam, opbouwwerker (a core partner).
  const byName = (a: OrganisationView, b: OrganisationView) => a.name.localeCompare(b.name, 'nl');
  const municipality = existing.filter((o) => o.type === 'municipality').sort(byName)[0];
  let wijkteam = existing.filter((o) => /sociaal wijkteam/i.test(o.name)).sort(byName)[0];
  if (!wijkteam && districtCodes.length) {
    wijkteam = await createOrganisation(admin, { name: `Sociaal Wijkteam${DEMO_SUFFIX}`, type: 'chain-partner', description: descriptions['chain-partner'], districts: districtCodes, themes: [...refs.themes.keys()].slice(0, 3) });
  }
  const cores = existing.filter((o) => o.type === 'core-partner').sort(byName);
  const leading = cores.filter((o) => themesLedBy(refs, o.name).length);
  const builders = leading.length ? leading : cores;
  const holders: Record<DriehoekRole, (i: number) => OrganisationView | undefined> = {
    gebiedsverbinder: () => municipality,
    'sociaal-wijkteam': () => wijkteam,
    opbouwwerker: (i) => builders[i % Math.max(1, builders.length)],
  };
  const roleText: Record<DriehoekRole, { jobTitle: string; generalistArea: string }> = {
    gebiedsverbinder: { jobTitle: 'Gebiedsverbinder', generalistArea: 'Gebiedsgericht werken' },
    'sociaal-wijkteam': { jobTitle: 'Contactpersoon Sociaal Wijkteam', generalistArea: 'Maatschappelijk werk' },
    opbouwwerker: { jobTitle: 'Opbouwwerker', generalistArea: 'Opbouwwerk' },
  };
  let driehoek = 0;
  for (const [i, district] of districtCodes.entries()) {
    const present = await listDriehoek(ctx, district);
    for (const role of driehoekRoles) {
      const org = holders[role](i);
      if (!org || present.some((p) => p.role === role)) continue;
      const r = rngFor(`driehoek:${district}:${role}`);
      const taken = new Set((await listPeople(ctx, { organisationId: org.id })).map((p) => p.name));
      const p = demoPerson(r, org, taken, { ...roleText[role], jobTitle: `${roleText[role].jobTitle} ${refs.districts.get(district)}`, district });
      await createPerson(admin, org.id, { ...p, themes: p.themes.length ? p.themes : [], driehoek: [{ district, role }] });
      driehoek++;
    }
  }

  const total = existing.length + (wijkteam && !existing.some((o) => o.id === wijkteam!.id) ? 1 : 0);
  return [
    created || completed || people || driehoek
      ? `netwerk: ${created} demo-organisaties toegevoegd (${total} in totaal), ${completed} profielen aangevuld, ${people + driehoek} mensen, ${driehoek} Driehoek-rollen`
      : 'netwerk: al aanwezig',
  ];
}
