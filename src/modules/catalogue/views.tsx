/** @jsxImportSource hono/jsx */
// Small views shared by the catalogue pages: how a schedule, a price and a location read, the "Snel weg" control, result cards.
import { dateFormat, numberFormat, localeOf } from '../../platform/i18n/intl.ts';
import type { FC } from 'hono/jsx';
import type { View } from '../../platform/ui/page.tsx';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { languageCodes, type ActivityView, type Schedule } from './types.ts';
import { districtName, neighbourhoodName, passName, type FrameworkRefs } from './refs.ts';
import { dayNumber, isoWeekday, ruleOf, utcToLocal, type RRule } from './schedule.ts';

export const LEAVE_URL = 'https://www.google.nl/';
export const ASSET_CSS = '/assets/catalogue/catalogue.css';
export const ASSET_JS = '/assets/catalogue/snel-weg.js';

/** The catalogue's translation helper: typed keys, so a wrong key is a type error. */
export const tk = (v: Pick<View, 't'>, key: MessageKey, params?: Record<string, string | number>) => v.t(key, params);

const isOneOf = <T extends string | number>(values: readonly T[], x: string | number): x is T => (values as readonly (string | number)[]).includes(x);
export const isoWeekdays = [1, 2, 3, 4, 5, 6, 7] as const;
const nths = [1, 2, 3, 4, 5, -1, -2, -3, -4, -5] as const;

/** Labels of coded values; a value without a label (e.g. from an older version) is shown as it is. */
export const weekdayLabel = (v: Pick<View, 't'>, d: number) => (isOneOf(isoWeekdays, d) ? tk(v, `catalogue.weekday.${d}`) : String(d));
const nthLabel = (v: Pick<View, 't'>, n: number) => (isOneOf(nths, n) ? tk(v, `catalogue.rrule.nth.${n}`) : String(n));
export const languageLabel = (v: Pick<View, 't'>, l: string) => (isOneOf(languageCodes, l) ? tk(v, `catalogue.language.${l}`) : l);

export function formatDate(v: View, date: string): string {
  return dateFormat(localeOf(v.lang), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

export function formatDateTimeLong(v: View, d: Date): string {
  return dateFormat(localeOf(v.lang), { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' }).format(d);
}

export const euro = (cents: number, lang: View['lang']) => numberFormat(localeOf(lang), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);

/** "maandag, woensdag en vrijdag". */
const andList = (v: View, items: string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} ${v.lang === 'nl' ? 'en' : 'and'} ${items.at(-1)}` : (items[0] ?? ''));

const weekdayName = weekdayLabel;

/** A recurrence rule in words: "Elke eerste dinsdag van de maand", "Om de week op woensdag", "Elke maand op de 15e". */
function ruleText(v: View, rule: RRule, startDate: string): string {
  const days = rule.byDay.length ? rule.byDay.map(([, d]) => d) : [isoWeekday(dayNumber(startDate))];
  let text: string;
  if (rule.freq === 'DAILY') {
    text = rule.interval === 1 ? tk(v, 'catalogue.rrule.daily') : tk(v, 'catalogue.rrule.everyNDays', { n: rule.interval });
    if (rule.byDay.length) text = `${text}, ${tk(v, 'catalogue.rrule.onlyOn', { days: andList(v, days.map((d) => weekdayName(v, d))) })}`;
  } else if (rule.freq === 'WEEKLY') {
    const list = andList(v, [...new Set(days)].map((d) => weekdayName(v, d)));
    text = rule.interval === 1 ? tk(v, 'catalogue.rrule.weekly', { days: list }) : rule.interval === 2 ? tk(v, 'catalogue.rrule.biweekly', { days: list }) : tk(v, 'catalogue.rrule.everyNWeeks', { n: rule.interval, days: list });
  } else {
    const what = rule.byDay.length
      ? andList(v, rule.byDay.map(([n, d]) => (n === 0 ? tk(v, 'catalogue.rrule.everyDay', { day: weekdayName(v, d) }) : tk(v, 'catalogue.rrule.nthDay', { nth: nthLabel(v, n), day: weekdayName(v, d) }))))
      : andList(v, (rule.byMonthDay.length ? rule.byMonthDay : [Number(startDate.slice(8, 10))]).map((n) => (n > 0 ? tk(v, 'catalogue.rrule.monthDay', { n }) : tk(v, 'catalogue.rrule.lastMonthDay', { nth: nthLabel(v, n) }))));
    text = rule.interval === 1 ? tk(v, 'catalogue.rrule.monthly', { what }) : tk(v, 'catalogue.rrule.everyNMonths', { n: rule.interval, what });
  }
  if (rule.count !== null) text = `${text}, ${tk(v, 'catalogue.rrule.count', { n: rule.count })}`;
  if (rule.until) text = `${text}, ${tk(v, 'catalogue.untilDate', { date: formatDate(v, utcToLocal(rule.until).date) })}`;
  return text;
}

/** "Elke week op maandag en woensdag, 10:00 tot 11:30 uur, vanaf …". */
export function scheduleText(v: View, s: Schedule): string {
  if (s.kind === 'one-off') {
    if (s.endDate && s.endDate !== s.startDate) return tk(v, 'catalogue.oneOffMulti', { date: formatDate(v, s.startDate), start: s.startTime, endDate: formatDate(v, s.endDate), end: s.endTime });
    return tk(v, 'catalogue.oneOff', { date: formatDate(v, s.startDate), start: s.startTime, end: s.endTime });
  }
  if (s.kind === 'weekly') {
    const parts = [tk(v, 'catalogue.weeklyOn', { days: andList(v, s.weekdays.map((d) => weekdayName(v, d))), start: s.startTime, end: s.endTime }), tk(v, 'catalogue.fromDate', { date: formatDate(v, s.startDate) })];
    if (s.untilDate) parts.push(tk(v, 'catalogue.untilDate', { date: formatDate(v, s.untilDate) }));
    return parts.join(', ');
  }
  const rule = ruleOf(s);
  const pattern = rule ? ruleText(v, rule, s.startDate) : '';
  return tk(v, 'catalogue.custom', { pattern, start: s.startTime, end: s.endTime, date: formatDate(v, s.startDate) });
}

/** Price, and what a holder of the municipality's pass (its name is data, e.g. HaarlemPas) pays. */
export function costText(v: View, a: Pick<ActivityView, 'free' | 'costCents' | 'haarlemPas'>, refs: FrameworkRefs): string {
  if (a.free) return tk(v, 'catalogue.free');
  const price = tk(v, 'catalogue.price', { amount: euro(a.costCents, v.lang) });
  return a.haarlemPas === 'none' || !refs.pass ? price : `${price} · ${tk(v, `catalogue.haarlemPas.${a.haarlemPas}`, { pass: passName(refs) })}`;
}

export function placeText(refs: FrameworkRefs, a: Pick<ActivityView, 'locationName' | 'locationAddress' | 'districtCode' | 'neighbourhoodCode'>): string {
  const area = [neighbourhoodName(refs, a.neighbourhoodCode), districtName(refs, a.districtCode)].filter(Boolean).join(', ');
  const place = [a.locationName, a.locationAddress].filter(Boolean).join(', ');
  return place && area ? `${place} (${area})` : place || area;
}

/** A quick way off the page. A plain link works without JavaScript; the script adds Escape ×3 and replaces the history entry. */
export const LeaveControl: FC<{ v: View }> = ({ v }) => (
  <div class="sb-leave" data-sb-leave>
    <p class="utrecht-paragraph">
      <a class="utrecht-button utrecht-button--primary-action sb-leave__button" href={LEAVE_URL} rel="noreferrer noopener" data-sb-leave-link>
        {tk(v, 'catalogue.leave')}
      </a>
    </p>
    <p class="utrecht-paragraph sb-meta">{tk(v, 'catalogue.leaveHint')}</p>
    <script src={ASSET_JS} defer></script>
  </div>
);

export const Styles: FC = () => <link rel="stylesheet" href={ASSET_CSS} />;

export const ActivityCard: FC<{ v: View; a: ActivityView; refs: FrameworkRefs }> = ({ v, a, refs }) => (
  <li class="sb-card">
    <h3 class="utrecht-heading-3">
      <a class="utrecht-link" href={`/activiteiten/${a.id}`}>
        {a.title}
      </a>
    </h3>
    <p class="utrecht-paragraph sb-meta">{[a.organisationName, ...a.partnerOrganisations.map((o) => o.name)].join(', ')}</p>
    <dl class="sb-facts">
      <dt>{tk(v, 'catalogue.when')}</dt>
      <dd>{scheduleText(v, a.schedule)}</dd>
      {placeText(refs, a) && (
        <>
          <dt>{tk(v, 'catalogue.where')}</dt>
          <dd>{placeText(refs, a)}</dd>
        </>
      )}
      <dt>{tk(v, 'catalogue.cost')}</dt>
      <dd>{costText(v, a, refs)}</dd>
      {a.wheelchairAccessible && (
        <>
          <dt>{tk(v, 'catalogue.accessibility')}</dt>
          <dd>{tk(v, 'catalogue.wheelchairYes')}</dd>
        </>
      )}
    </dl>
  </li>
);

/** Description text: paragraphs on blank lines, escaped like every other text. */
export const Paragraphs: FC<{ text: string }> = ({ text }) => (
  <>
    {text
      .split(/\r?\n\s*\r?\n/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => (
        <p class="utrecht-paragraph sb-pre-line">{p}</p>
      ))}
  </>
);

export const CATALOGUE_CSS = `
.sb-filters { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); align-items: end; }
.sb-filters .utrecht-textbox, .sb-filters .utrecht-select { width: 100%; box-sizing: border-box; }
.sb-filters__wide { grid-column: 1 / -1; }
.sb-filter-more > summary { cursor: pointer; font-weight: bold; color: var(--utrecht-link-color, #0b5394); text-decoration: underline; margin-block-end: 1rem; }
.sb-pagination { display: flex; gap: 1.5rem; flex-wrap: wrap; align-items: center; margin-block: 1.5rem; }
.sb-leave { border: 2px solid currentColor; padding: 0.75rem 1rem; margin-block-end: 1.5rem; }
.sb-leave__button { text-decoration: none; display: inline-block; }
@media (min-width: 40rem) { .sb-leave { position: sticky; top: 0; background: #fff; z-index: 5; } }
`;

export const FILTERS_JS_URL = '/assets/catalogue/filters.js';

/** On a narrow screen, fold the filters away while none is chosen, so the results come first (the page works without it). */
export const FILTERS_JS = `(function () {
  var filters = document.querySelector('[data-sb-filters]');
  if (filters && filters.getAttribute('data-active') === '0' && window.matchMedia('(max-width: 40rem)').matches) filters.open = false;
})();
`;

export const LEAVE_JS = `// "Snel weg": leave the page at once (click, or Escape pressed three times within two seconds).
(function () {
  var link = document.querySelector('[data-sb-leave-link]');
  if (!link) return;
  var target = link.getAttribute('href');
  function leave(e) {
    if (e) e.preventDefault();
    document.body.style.display = 'none';
    window.location.replace(target);
  }
  link.addEventListener('click', leave);
  var presses = [];
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape' && e.key !== 'Esc') return;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 2000; });
    presses.push(now);
    if (presses.length >= 3) leave();
  });
})();
`;
