// The anonymisation step of a story: before it is submitted, the text is checked for what could identify someone —
// e-mail addresses, Dutch phone numbers (06-12345678, +31 6 …, 023-…), postcodes (1234 AB), street addresses
// (street name + house number) and names (a first name of the list in seed/effects-registers.json, or a capitalised
// word that does not start a sentence). Warnings only: the author edits the text or confirms "ik heb dit gecontroleerd".
import { readRegistersSeed } from './outflow-terms.ts';

export const warningKinds = ['email', 'phone', 'postcode', 'address', 'name'] as const;
export type WarningKind = (typeof warningKinds)[number];
export interface AnonymisationWarning {
  kind: WarningKind;
  /** The text found, to show the author where it is. */
  match: string;
}

const EMAIL = /[\p{L}0-9._%+-]+@[\p{L}0-9-]+(?:\.[\p{L}0-9-]+)+/gu;
// +31 / 0031 / 0, then a non-zero digit and 8 more digits, separated by spaces, dashes or dots: 06-12345678, 023-5123456.
const PHONE = /(?:\+31|\b0031|\b0)[\s.-]?(?:\(0\)[\s.-]?)?[1-9](?:[\s.-]?\d){8}(?!\d)/g;
const POSTCODE = /\b[1-9]\d{3}\s?[A-Z]{2}\b/g;
const STREET = /[\p{L}'-]*(?:straat|laan|weg|plein|gracht|kade|singel|dijk|pad|steeg|hof|dreef|park|markt|baan|wal|plantsoen|erf|veld|zijde|hage|dam|dreef|poort)\s+\d{1,4}\s?[a-zA-Z]?\b/giu;
const WORD = /\p{Lu}[\p{Ll}'’-]+/gu;

/** Words written with a capital that are rarely a person's name (days, months, the platform's own words). */
const COMMON = new Set(
  'Ik Hij Zij Wij Jij Je Ze We Het De Een Dat Die Dit Deze En Maar Ook Toen Nu Daar Hier Er Zo Want Als Na Door Met Voor Van In Op Bij Naar Om Uit Over Aan Sinds Dankzij Maandag Dinsdag Woensdag Donderdag Vrijdag Zaterdag Zondag Januari Februari Maart April Mei Juni Juli Augustus September Oktober November December Huis Wijk Haarlem Nederland Nederlands Gemeente Sociale Basis Kerst Pasen Ramadan'.split(' '),
);

function uniq(ws: AnonymisationWarning[]): AnonymisationWarning[] {
  const seen = new Set<string>();
  return ws.filter((w) => {
    const k = `${w.kind}:${w.match}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Every possible personal detail in a story's text. */
export function anonymisationWarnings(text: string, firstNames: readonly string[] = readRegistersSeed().firstNames): AnonymisationWarning[] {
  const out: AnonymisationWarning[] = [];
  let rest = text;
  const take = (kind: WarningKind, re: RegExp) => {
    for (const m of rest.matchAll(re)) out.push({ kind, match: m[0].trim() });
    rest = rest.replace(re, ' ');
  };
  take('email', EMAIL);
  take('phone', PHONE);
  take('postcode', POSTCODE);
  take('address', STREET);
  const names = new Set(firstNames);
  // A capitalised word is a possible name unless it starts a sentence (the first word, or after . ! ? : or a new line).
  for (const m of rest.matchAll(WORD)) {
    const word = m[0].replace(/['’-]+$/, '');
    const before = rest.slice(0, m.index).trimEnd();
    const sentenceStart = before === '' || /[.!?:…"“]$/.test(before) || /\n\s*$/.test(rest.slice(0, m.index));
    if (names.has(word) || (!sentenceStart && !COMMON.has(word))) out.push({ kind: 'name', match: word });
  }
  return uniq(out);
}
