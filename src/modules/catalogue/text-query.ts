// The catalogue's text search in Dutch. Words are stemmed ("ontmoetingen" finds "ontmoeting") and, because Dutch
// writes compounds as one word, also match as the start of a word ("taal" finds "Taalcafé", "koffie" finds
// "Koffieochtend"). The web search syntax people know works: "a phrase", OR, and -word to leave a word out.
import { sql, type SQL } from 'drizzle-orm';

export interface Term {
  text: string;
  phrase: boolean;
  negated: boolean;
}

/** At most this many terms are used; the rest of a very long query is ignored. */
const MAX_TERMS = 12;
/** Shorter words only match whole (stemmed) words, or "de" would find everything that starts with it. */
const MIN_PREFIX = 3;

/** The letters and digits of a word, lower case: safe as a prefix in tsquery syntax. */
const prefixOf = (word: string) => word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** The query as groups joined by OR, each a list of terms that must all match. */
export function parseSearchText(input: string): Term[][] {
  const groups: Term[][] = [[]];
  let count = 0;
  for (const m of input.matchAll(/(-?)"([^"]*)"?|(\S+)/g)) {
    if (count >= MAX_TERMS) break;
    const [, minus, quoted, bare] = m;
    if (bare !== undefined && bare.toLowerCase() === 'or') {
      if (groups.at(-1)!.length) groups.push([]);
      continue;
    }
    const negated = quoted !== undefined ? minus === '-' : bare.startsWith('-') && bare.length > 1;
    const text = quoted !== undefined ? quoted.trim() : negated ? bare.slice(1) : bare;
    if (!text || !prefixOf(text)) continue; // punctuation only
    groups.at(-1)!.push({ text, phrase: quoted !== undefined, negated });
    count++;
  }
  return groups.filter((g) => g.length > 0);
}

function termQuery(t: Term): SQL {
  if (t.phrase) return sql`phraseto_tsquery('dutch'::regconfig, ${t.text})`;
  const stemmed = sql`plainto_tsquery('dutch'::regconfig, ${t.text})`;
  const prefix = prefixOf(t.text);
  // A stop word ("de", "voor") has no stem: it matches nothing, also not as a prefix.
  if (prefix.length < MIN_PREFIX) return stemmed;
  return sql`(case when numnode(${stemmed}) = 0 then ${stemmed} else ${stemmed} || to_tsquery('simple'::regconfig, ${`${prefix}:*`}) end)`;
}

/** The tsquery for a search text, or null when it has no words. */
export function searchTextQuery(input: string): SQL | null {
  const groups = parseSearchText(input);
  if (groups.length === 0) return null;
  const group = (terms: Term[]) => sql.join(terms.map((t) => (t.negated ? sql`!!${termQuery(t)}` : termQuery(t))), sql` && `);
  return sql`(${sql.join(groups.map((g) => sql`(${group(g)})`), sql` || `)})`;
}
