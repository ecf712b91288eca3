// How schedules read for residents, in Dutch and English: custom recurrence rules in words, not as RRULE text.
import { describe, it, expect } from 'vitest';
import { t, type Lang } from '../../platform/i18n/index.ts';
import type { View } from '../../platform/ui/page.tsx';
import { placeText, scheduleText } from './views.tsx';
import type { Schedule } from './types.ts';
import type { FrameworkRefs } from './refs.ts';

const view = (lang: Lang): View => ({ lang, actor: null, csrfToken: '', path: '/', t: (k, p) => t(lang, k, p) });
const custom = (rrule: string, startDate = '2026-03-03'): Schedule => ({ kind: 'custom', startDate, endDate: null, startTime: '10:00', endTime: '12:00', weekdays: [], untilDate: null, rrule });

describe('scheduleText', () => {
  it.each([
    ['FREQ=MONTHLY;BYDAY=1TU', 'Elke maand op de eerste dinsdag, 10:00 tot 12:00 uur, vanaf dinsdag 3 maart 2026'],
    ['FREQ=MONTHLY;BYDAY=-1FR', 'Elke maand op de laatste vrijdag, 10:00 tot 12:00 uur, vanaf dinsdag 3 maart 2026'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', 'Om de week op maandag en donderdag, 10:00 tot 12:00 uur, vanaf dinsdag 3 maart 2026'],
    ['FREQ=WEEKLY;INTERVAL=3', 'Elke 3 weken op dinsdag, 10:00 tot 12:00 uur, vanaf dinsdag 3 maart 2026'],
    ['FREQ=MONTHLY;BYMONTHDAY=15', 'Elke maand op de 15e, 10:00 tot 12:00 uur, vanaf dinsdag 3 maart 2026'],
    ['FREQ=MONTHLY;INTERVAL=2', 'Om de 2 maanden op de 3e, 10:00 tot 12:00 uur, vanaf dinsdag 3 maart 2026'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=6', 'Elke maand op de laatste dag, 6 keer in totaal, 10:00 tot 12:00 uur, vanaf dinsdag 3 maart 2026'],
    ['FREQ=DAILY;INTERVAL=2;UNTIL=20260331', 'Om de 2 dagen, tot en met dinsdag 31 maart 2026, 10:00 tot 12:00 uur, vanaf dinsdag 3 maart 2026'],
  ])('reads %s in Dutch', (rrule, expected) => {
    expect(scheduleText(view('nl'), custom(rrule))).toBe(expected);
  });

  it('reads a rule in English', () => {
    expect(scheduleText(view('en'), custom('FREQ=MONTHLY;BYDAY=2SA'))).toBe('Every month on the second Saturday, 10:00 to 12:00, from Tuesday, 3 March 2026');
    expect(scheduleText(view('en'), custom('FREQ=WEEKLY;INTERVAL=2;BYDAY=WE'))).toBe('Every other week on Wednesday, 10:00 to 12:00, from Tuesday, 3 March 2026');
  });
});

describe('placeText', () => {
  const refs: FrameworkRefs = { themes: [], targetGroups: [], pass: null, districts: [{ code: 'noord', name: 'Noord' }], neighbourhoods: [{ code: 'WK039201', name: 'Vondelkwartier', kind: 'wijk', districtCode: 'noord' }] };
  it('puts the area in brackets after the place, or alone', () => {
    expect(placeText(refs, { locationName: 'Buurtcentrum', locationAddress: 'Zijlweg 1', districtCode: 'noord', neighbourhoodCode: 'WK039201' })).toBe('Buurtcentrum, Zijlweg 1 (Vondelkwartier, Noord)');
    expect(placeText(refs, { locationName: '', locationAddress: '', districtCode: 'noord', neighbourhoodCode: null })).toBe('Noord');
    expect(placeText(refs, { locationName: 'Online', locationAddress: '', districtCode: null, neighbourhoodCode: null })).toBe('Online');
  });
});
