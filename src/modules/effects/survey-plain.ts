// Plain-language check for survey texts (B1): warns — never blocks — on long sentences and long words.
// Dutch compounds are long by nature, so a word counts as long from 16 letters (e.g. "ondersteuningsmogelijkheden").

export const MAX_SENTENCE_WORDS = 20;
export const MAX_WORD_LETTERS = 16;

export interface PlainWarning {
  kind: 'longSentence' | 'longWord';
  params: Record<string, string | number>;
}

/** Sentences end at . ! ? or a line break; words are runs of letters (hyphenated parts count apart). */
export function plainLanguageWarnings(text: string): PlainWarning[] {
  const out: PlainWarning[] = [];
  for (const sentence of text.split(/(?<=[.!?])\s+|\n+/)) {
    const words = sentence.split(/\s+/).filter((w) => /\p{L}/u.test(w));
    if (words.length > MAX_SENTENCE_WORDS) out.push({ kind: 'longSentence', params: { words: words.length, max: MAX_SENTENCE_WORDS, start: words.slice(0, 6).join(' ') } });
  }
  const seen = new Set<string>();
  for (const w of text.match(/\p{L}+/gu) ?? []) {
    const lower = w.toLowerCase();
    if (w.length >= MAX_WORD_LETTERS && !seen.has(lower)) {
      seen.add(lower);
      out.push({ kind: 'longWord', params: { word: w } });
    }
  }
  return out;
}
