// iCalendar (RFC 5545) for one activity: CRLF line ends, lines folded at 75 octets, text escaped,
// local times with TZID=Europe/Amsterdam and its VTIMEZONE, and an RRULE for series.
import { dateFormat, numberFormat } from '../../platform/i18n/intl.ts';
import { TIME_ZONE, formatRRule, ruleOf } from './schedule.ts';
import type { ActivityView } from './types.ts';

/** Escapes a TEXT value: backslash, semicolon, comma and newlines. */
export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line into chunks of at most 75 octets, never splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
      limit = 74; // continuation lines start with one space
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const local = (date: string, time: string) => `${date.replace(/-/g, '')}T${time.replace(':', '')}00`;
const utc = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

const vtimezone = [
  'BEGIN:VTIMEZONE',
  `TZID:${TIME_ZONE}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

export function activityIcs(a: ActivityView, opts: { url: string; host: string; now: Date }): string {
  const s = a.schedule;
  const rule = ruleOf(s);
  // The first occurrence opens the series (RFC 5545: DTSTART in step with the rule).
  const first = { date: a.startsAt, end: a.endsAt };
  const startLocal = localParts(first.date);
  const endLocal = localParts(first.end);
  const location = [a.locationName, a.locationAddress].filter(Boolean).join(', ');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Sociale Basis//Activiteiten//NL',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...vtimezone,
    'BEGIN:VEVENT',
    `UID:${a.id}@${opts.host}`,
    `DTSTAMP:${utc(opts.now)}`,
    `DTSTART;TZID=${TIME_ZONE}:${local(startLocal.date, startLocal.time)}`,
    `DTEND;TZID=${TIME_ZONE}:${local(endLocal.date, endLocal.time)}`,
    ...(rule ? [`RRULE:${formatRRule(rule)}`] : []),
    `SUMMARY:${escapeText(a.title)}`,
    `DESCRIPTION:${escapeText(`${a.description}\n\n${a.organisationName}${a.contact ? `\n${a.contact}` : ''}\n${opts.url}`)}`,
    ...(location ? [`LOCATION:${escapeText(location)}`] : []),
    `URL:${opts.url}`,
    `STATUS:${a.status === 'ended' ? 'CANCELLED' : 'CONFIRMED'}`,
    `LAST-MODIFIED:${utc(a.updatedAt)}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

function localParts(d: Date) {
  const p = Object.fromEntries(
    dateFormat('en-CA', { timeZone: TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}
