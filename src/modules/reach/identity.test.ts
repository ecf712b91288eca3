import { describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { ageBand, identifierOf, isBsn, looksLikeBsnHeader, normaliseDate, normaliseName, normalisePassNumber, pseudonymOf, rekeyPseudonym } from './identity.ts';

const key = (n: number) => Buffer.alloc(32, n);

describe('identity normalisation', () => {
  it('normalises pass numbers: case, spaces, dots and dashes', () => {
    expect(normalisePassNumber(' hp-1234 567 ')).toBe('HP1234567');
    expect(normalisePassNumber('hp.1234.567')).toBe('HP1234567');
    expect(normalisePassNumber('12')).toBeNull();
    expect(normalisePassNumber('ab#12345')).toBeNull();
  });

  it('normalises names: accents, case, punctuation and spaces', () => {
    expect(normaliseName('  Ömer   van ’t Hof ')).toBe('omer van t hof');
    expect(normaliseName('ÖMER VAN T HOF')).toBe('omer van t hof');
    expect(normaliseName('Zoë-Ëlla  de Wit')).toBe('zoe ella de wit');
    expect(normaliseName(' - ')).toBeNull();
  });

  it('reads the date formats of Dutch administrations and spreadsheets', () => {
    for (const v of ['1956-03-01', '1-3-1956', '01/03/1956', '01.03.1956', '19560301', '1956-03-01T00:00:00Z']) expect(normaliseDate(v)).toBe('1956-03-01');
    expect(normaliseDate(20515)).toBe('1956-03-01'); // Excel serial
    expect(normaliseDate('20515')).toBe('1956-03-01'); // Excel serial as text
    expect(normaliseDate(new Date(Date.UTC(1956, 2, 1)))).toBe('1956-03-01');
    expect(normaliseDate('31-02-1956')).toBeNull();
    expect(normaliseDate('1-3-56')).toBeNull();
    expect(normaliseDate('gisteren')).toBeNull();
  });

  it('identifies by pass number first, then name + date of birth; neither is anonymous', () => {
    expect(identifierOf({ passNumber: 'hp 123 456', name: 'Piet' })).toEqual({ kind: 'identified', identifier: 'pas:HP123456' });
    expect(identifierOf({ name: 'Piet  Jansen', birthDate: '1-3-1956' })).toEqual({ kind: 'identified', identifier: 'naam:piet jansen|1956-03-01' });
    expect(identifierOf({ name: '', passNumber: ' ' })).toEqual({ kind: 'anonymous' });
    expect(identifierOf({ name: 'Piet' })).toMatchObject({ kind: 'invalid', reason: 'birthDateMissing' });
    expect(identifierOf({ name: 'Piet', birthDate: '30-02-1956' })).toMatchObject({ kind: 'invalid', reason: 'birthDate' });
    expect(identifierOf({ passNumber: '#' })).toMatchObject({ kind: 'invalid', field: 'passNumber' });
  });
});

describe('keyed pseudonyms', () => {
  it('is HMAC-SHA256 with the key, the same for the same identifier, different per key', () => {
    const p = pseudonymOf('GM0392', 'pas:HP1', [key(1)]);
    expect(p.equals(crypto.createHmac('sha256', key(1)).update('pas:HP1').digest())).toBe(true);
    expect(pseudonymOf('GM0392', 'pas:HP1', [key(1)]).equals(p)).toBe(true);
    expect(pseudonymOf('GM0392', 'pas:HP1', [key(2)]).equals(p)).toBe(false);
  });

  it('re-keying extends the chain: old pseudonym re-keyed equals the pseudonym under the longer chain', () => {
    const old = pseudonymOf('GM0392', 'pas:HP1', [key(1)]);
    expect(rekeyPseudonym(old, key(2)).equals(pseudonymOf('GM0392', 'pas:HP1', [key(1), key(2)]))).toBe(true);
  });
});

describe('BSN', () => {
  it('recognises numbers passing the eleven test, and headers naming a BSN', () => {
    expect(isBsn('111222333')).toBe(true);
    expect(isBsn('123456782')).toBe(true);
    expect(isBsn('123456789')).toBe(false);
    expect(isBsn('000000000')).toBe(false);
    expect(isBsn('HP123456')).toBe(false);
    for (const h of ['BSN', 'bsn_nummer', 'Burgerservicenummer', 'burger service nummer', 'Sofinummer']) expect(looksLikeBsnHeader(h)).toBe(true);
    for (const h of ['pasnummer', 'naam', 'absent']) expect(looksLikeBsnHeader(h)).toBe(false);
  });
});

describe('age bands', () => {
  it('bands an age by birth year', () => {
    expect(ageBand(2020, 2026)).toBe('0-11');
    expect(ageBand(1950, 2026)).toBe('65-79');
    expect(ageBand(1940, 2026)).toBe('80+');
  });
});
