import { describe, expect, it } from 'vitest';
import { anonymisationWarnings } from './story-anonymise.ts';

const kinds = (text: string) => anonymisationWarnings(text).map((w) => `${w.kind}:${w.match}`);

describe('anonymisation warnings of a story', () => {
  it('finds Dutch phone numbers in their usual forms', () => {
    expect(kinds('Bel me op 06-12345678 als het kan.')).toContain('phone:06-12345678');
    expect(kinds('Of via +31 6 12345678.')).toContain('phone:+31 6 12345678');
    expect(kinds('Het kantoor: 023-5123456.')).toContain('phone:023-5123456');
    expect(kinds('Zij heeft 3 kinderen en 12 kleinkinderen.').filter((k) => k.startsWith('phone'))).toEqual([]);
  });
  it('finds e-mail addresses', () => {
    expect(kinds('Mail naar iemand.anders@example.nl voor meer.')).toContain('email:iemand.anders@example.nl');
  });
  it('finds a postcode and a street address', () => {
    const k = kinds('Zij woont aan de Grote Houtstraat 12a, 2011 AB in de stad.');
    expect(k).toContain('postcode:2011 AB');
    expect(k.some((x) => x.startsWith('address:') && x.includes('Houtstraat 12a'))).toBe(true);
  });
  it('finds names: a listed first name anywhere, a capitalised word inside a sentence', () => {
    expect(kinds('Fatima kwam elke week.')).toContain('name:Fatima');
    expect(kinds('Elke week kwam mevrouw Jansen naar de koffieochtend.')).toContain('name:Jansen');
    expect(kinds('Elke week kwam zij naar de koffieochtend. Het hielp haar.')).toEqual([]);
  });
});
