import { describe, expect, it } from 'vitest';
import { plainLanguageWarnings } from './survey-plain.ts';

describe('plain-language check', () => {
  it('says nothing about a short, plain question', () => {
    expect(plainLanguageWarnings('Door mee te doen aan deze activiteit heb ik meer contact met anderen.')).toEqual([]);
  });
  it('warns on a sentence of more than 20 words, with its word count', () => {
    const long = 'Wij willen graag van u weten hoe u de activiteit in het buurthuis hebt ervaren en of u het de komende tijd nog eens zou doen.';
    const w = plainLanguageWarnings(`Kort. ${long}`);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ kind: 'longSentence', params: { words: 26, max: 20 } });
  });
  it('warns once per long word', () => {
    const w = plainLanguageWarnings('Kent u de ondersteuningsmogelijkheden? Ja, de ondersteuningsmogelijkheden ken ik.');
    expect(w).toEqual([{ kind: 'longWord', params: { word: 'ondersteuningsmogelijkheden' } }]);
  });
});
