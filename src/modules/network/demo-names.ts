// Word lists for the network's demo data. Every generated organisation name ends in "(demo)".
import type { OrganisationType } from './types.ts';

export const DEMO_SUFFIX = ' (demo)';

/** Base names per type; the generator adds a district name and "(demo)". */
export const demoBases: Partial<Record<OrganisationType, string[]>> = {
  subcontractor: [
    'Stichting Buurtkracht',
    'Taalhuis',
    'Stichting Thuisadministratie',
    'Sportief Samen',
    'Kookstudio De Gedeelde Tafel',
    'Stichting Wijkwerkplaats',
    'Coöperatie Zorgzame Buren',
    'Muziekschool Open Podium',
    'Stichting Jongerenpunt',
    'Mantelzorgcafé Het Steuntje',
    'Stichting Geldzaken op Orde',
    'Beweegcoaches',
    'Stichting Ouder en Kind Kompas',
    'Repair Café Netwerk',
    'Digitaal Dichtbij',
    'Stichting Werkkracht',
    'Groen Doen',
    'Vertelcafé',
    'Stichting Kunst in de Wijk',
    'Fietsschool Op Weg',
  ],
  'volunteer-organisation': ['Vrijwilligersgroep Samen Koken', 'Stichting Maatjes aan Huis', 'Klusjesdienst Helpende Handen', 'Wandelclub Stap voor Stap', 'Stichting Voorlezen Verbindt', 'Buurtmoestuin De Groene Vingers'],
  'resident-initiative': ['Bewonersgroep Speelplein', 'Buurtbieb', 'Lief-en-leedstraat', 'Bewonersinitiatief Groene Straat', 'Buurtcomité Samen Eten', 'Straatfeestcomité'],
  'chain-partner': ['Huisartsenpraktijk', 'Wooncorporatie Thuis', 'Jeugdteam', 'Praktijk Ondersteuner Zorg'],
  'core-partner': ['Welzijnspartner'],
  cooperative: ['Coöperatie Sociale Basis'],
  municipality: ['Gemeente'],
};

export const descriptions: Record<OrganisationType, string> = {
  municipality: 'De gemeente stelt de doelen van de sociale basis vast en financiert het welzijnswerk.',
  cooperative: 'De coöperatie van welzijnsorganisaties die samen het welzijnswerk in de stad uitvoeren.',
  'core-partner': 'Kernpartner in het welzijnswerk: ontmoeting, ondersteuning en het versterken van de wijk.',
  subcontractor: 'Onderaannemer die met een eigen aanbod bijdraagt aan de doelen van de sociale basis.',
  'volunteer-organisation': 'Vrijwilligersorganisatie zonder betaalde krachten. Vrijwilligers uit de buurt doen het werk.',
  'resident-initiative': 'Initiatief van bewoners die samen iets willen betekenen voor hun straat of buurt.',
  'chain-partner': 'Ketenpartner waarmee het welzijnswerk samenwerkt, bijvoorbeeld voor verwijzing en advies.',
};

export const firstNames = [
  'Fatima', 'Jeroen', 'Sanne', 'Mohamed', 'Eva', 'Daan', 'Ayşe', 'Thijs', 'Noor', 'Kees', 'Priya', 'Bas', 'Lotte', 'Youssef', 'Marieke',
  'Sem', 'Esra', 'Wouter', 'Anouk', 'Kwame', 'Ilse', 'Ruben', 'Mila', 'Hamza', 'Femke', 'Joost', 'Samira', 'Pieter', 'Lin', 'Roos',
];
export const lastNames = [
  'de Vries', 'El Amrani', 'Jansen', 'Bakker', 'Yılmaz', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'Bouzid', 'de Groot', 'Bos',
  'Vos', 'Peters', 'Hendriks', 'van Dijk', 'Kaya', 'Dekker', 'Brouwer', 'Mensah', 'van der Berg', 'Kramer', 'Verhoeven', 'Chen',
];

export const generalistAreas = ['Sociaal werk', 'Jongerenwerk', 'Opbouwwerk', 'Maatschappelijk werk', 'Ouderenwerk', 'Vrijwilligerscoördinatie', 'Mantelzorgondersteuning', 'Welzijn op recept'];
export const jobTitles = ['Sociaal werker', 'Jongerenwerker', 'Opbouwwerker', 'Coördinator', 'Teamleider', 'Welzijnscoach', 'Ouderenadviseur', 'Schuldhulpverlener', 'Vrijwilligerscoördinator', 'Projectleider'];

/** Lower-case ASCII slug for demo e-mail addresses and websites. */
export const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\(demo\)/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 50);

/** A stable 32-bit hash (FNV-1a): per-name random streams, independent of what already exists. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
