// Adapter to Common Ground (ZGW APIs, VNG): a joint application as a zaak (Zaken API, resource Zaak) and a decision
// on a grant as a besluit (Besluiten API, resource Besluit). Pure functions producing the JSON a Zaken or Besluiten
// API accepts on create; the platform works without an Open Zaak server (nothing is sent). Field names, lengths and
// enumerations follow the ZGW standards (Zaken API 1.5, Besluiten API 1.0); the contract test (zgw.test.ts) checks
// the output against a JSON schema of those fields (zgw-schemas.json).
import type { ApplicationView } from './application-service.ts';
import type { GrantView, DecisionView } from './grant-service.ts';
import { formatEuros } from './money.ts';

export interface ZgwSettings {
  /** RSIN (9 digits) of the municipality: bronorganisatie and verantwoordelijkeOrganisatie. */
  rsin: string;
  zaaktype: string;
  besluittype: string;
}

const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
const day = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return day(d);
};

/** A submitted (or later) joint application as a Zaak. */
export function applicationToZaak(a: ApplicationView, s: ZgwSettings, now: Date) {
  const start = a.submittedAt ? day(a.submittedAt) : day(now);
  const members = a.table.members.map((m) => m.name).join(', ');
  return {
    identificatie: cut(`SB-${a.call.periodCode}-${a.table.themeSlug}`, 40),
    bronorganisatie: s.rsin,
    omschrijving: cut(`Gezamenlijke subsidieaanvraag ${a.table.themeName} ${a.call.periodCode}`, 80),
    toelichting: cut(`Thematafel ${a.table.themeName}; organisaties: ${members}. Aangevraagd: ${formatEuros(a.totalCents)} over ${a.years[0]}–${a.years[a.years.length - 1]}. Versie ${a.submittedVersion ?? a.version}.`, 1000),
    zaaktype: s.zaaktype,
    registratiedatum: start,
    verantwoordelijkeOrganisatie: s.rsin,
    startdatum: start,
    einddatumGepland: a.call.decisionDeadline,
    uiterlijkeEinddatumAfdoening: a.call.decisionDeadline,
    vertrouwelijkheidaanduiding: 'intern' as const,
    betalingsindicatie: 'nvt' as const,
    kenmerken: [{ kenmerk: cut(a.id, 40), bron: 'Sociale Basis' }],
  };
}

/** One decision on a grant as a Besluit (the objection term of six weeks as uiterlijkeReactiedatum, Awb art. 6:7). */
export function decisionToBesluit(g: GrantView, d: DecisionView, s: ZgwSettings) {
  const kind = d.kind === 'grant' ? 'Verlening' : d.kind === 'adjustment' ? 'Bijstelling' : 'Indexering';
  const lastYear = g.years[g.years.length - 1]?.year;
  return {
    identificatie: cut(d.reference, 50),
    verantwoordelijkeOrganisatie: s.rsin,
    besluittype: s.besluittype,
    datum: d.decidedOn,
    toelichting: cut(`${kind} subsidie ${g.organisationName}${d.year ? ` (${d.year})` : ''}: totaal ${formatEuros(d.totalCents)}${d.kind === 'grant' ? '' : `, wijziging ${formatEuros(d.deltaCents)}`}.${d.reason ? ` ${d.reason}` : ''}`, 1000),
    ingangsdatum: d.decidedOn,
    ...(d.kind === 'grant' && lastYear ? { vervaldatum: `${lastYear}-12-31`, vervalreden: 'tijdelijk' as const } : {}),
    uiterlijkeReactiedatum: addDays(d.decidedOn, 42),
  };
}
