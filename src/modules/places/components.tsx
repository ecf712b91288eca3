/** @jsxImportSource hono/jsx */
// Small view parts shared by the places pages.
import { dateFormat, numberFormat, localeOf } from '../../platform/i18n/intl.ts';
import type { Child, FC } from 'hono/jsx';
import type { View } from '../../platform/ui/page.tsx';
import { Table } from '../../platform/ui/page.tsx';
import type { Lang } from '../../platform/i18n/index.ts';
import type { BookingView } from './bookings.ts';
import { formatEuro } from './statement.ts';
import { TIME_ZONE } from './time.ts';


export const fmtTime = (lang: Lang, d: Date) => dateFormat(localeOf(lang), { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
export const fmtDay = (lang: Lang, d: Date) => dateFormat(localeOf(lang), { timeZone: TIME_ZONE, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(d);
export const fmtRange = (lang: Lang, start: Date, end: Date) => `${fmtDay(lang, start)}, ${fmtTime(lang, start)}–${fmtTime(lang, end)}`;
export const fmtLongDate = (lang: Lang, date: string) => dateFormat(localeOf(lang), { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(`${date}T12:00:00Z`));

export const StatusBadge: FC<{ v: View; status: BookingView['status'] }> = ({ v, status }) => <span class={`utrecht-badge-status sb-status sb-status--${status}`}>{v.t(`places.status.${status}`)}</span>;

/** Bookings as a table; `actions` renders the last column (forms), when given. */
export const BookingTable: FC<{ v: View; caption: string; items: BookingView[]; actions?: (b: BookingView) => Child; showOrganisation?: boolean }> = ({ v, caption, items, actions, showOrganisation = true }) => {
  const head: Child[] = [v.t('places.col.when'), v.t('places.col.location')];
  if (showOrganisation) head.push(v.t('places.col.organisation'));
  head.push(v.t('places.col.purpose'), v.t('places.col.status'), v.t('places.col.price'));
  if (actions) head.push(v.t('places.col.actions'));
  return (
    <Table
      caption={caption}
      head={head}
      rows={items.map((b) => {
        const row: Child[] = [
          <>
            {fmtRange(v.lang, b.startsAt, b.endsAt)}
            {b.seriesId && <> ({v.t('places.series')})</>}
          </>,
          <>
            <a class="utrecht-link" href={`/locaties/${b.locationId}`}>
              {b.locationName}
            </a>
            {`, ${b.roomName}`}
          </>,
        ];
        if (showOrganisation) row.push(b.organisationName);
        row.push(b.purpose, <StatusBadge v={v} status={b.status} />, formatEuro(v.lang, b.priceCents));
        if (actions) row.push(actions(b));
        return row;
      })}
    />
  );
};
