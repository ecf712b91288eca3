/** @jsxImportSource hono/jsx */
// Public pages: the list of locations (filter by district) and one location with rooms, accessibility,
// opening hours and the shared programme of the week.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, H3, P, A, UL, Alert, Table, Breadcrumbs, Facts, Select, type View } from '../../platform/ui/page.tsx';
import { hasRole } from '../../platform/auth/roles.ts';
import { AppError } from '../../platform/http/errors.ts';
import { listDistricts, listNeighbourhoods, type DistrictView } from '../framework/service.ts';
import { getOrganisationNames } from '../network/service.ts';
import { listLocations, getLocation, listRooms, listLocationProgramme, type LocationView } from './service.ts';
import { isoWeekOf, localParts, weekdays } from './time.ts';
import { fmtLongDate, fmtTime } from './components.tsx';

const districtName = (ds: DistrictView[], code: string | null) => (code ? (ds.find((d) => d.code === code)?.name ?? code) : '');

/** Links to the booking pages, for people who may use them. */
export const PlacesLinks = ({ v }: { v: View }) => {
  const a = v.actor;
  if (!a || !hasRole(a, 'partner_staff', 'administrator', 'contract_manager')) return null;
  const items = [];
  if (hasRole(a, 'partner_staff', 'administrator')) items.push(<A href="/mijn-boekingen">{v.t('places.admin.mineLink')}</A>, <A href="/beheer/boekingen">{v.t('places.admin.requestsLink')}</A>, <A href="/beheer/locaties">{v.t('places.admin.manageLink')}</A>);
  items.push(<A href="/boekingen/overzicht">{v.t('places.stmt.title')}</A>);
  return (
    <nav aria-label={v.t('places.title')}>
      <UL items={items} />
    </nav>
  );
};

const HoursTable = ({ v, loc }: { v: View; loc: LocationView }) => {
  const any = weekdays.some((d) => loc.openingHours[d]);
  if (!any) return <P>{v.t('places.noHours')}</P>;
  return (
    <Table
      caption={v.t('places.openingHours')}
      head={[v.t('places.dayColumn'), v.t('places.openingHours')]}
      rows={weekdays.map((d) => {
        const h = loc.openingHours[d];
        return [v.t(`places.day.${d}`), h ? `${h.open}–${h.close}` : v.t('places.closedDay')];
      })}
    />
  );
};

export function registerPlacesPages(app: OpenAPIHono<AppEnv>) {
  app.get('/locaties', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const districts = await listDistricts(ctx);
    const wanted = c.req.query('stadsdeel') ?? '';
    const known = districts.some((d) => d.code === wanted);
    const locs = await listLocations(ctx, known ? { districtCode: wanted } : {});
    return c.html(
      <Layout v={v} title={v.t('places.title')}>
        <H1>{v.t('places.title')}</H1>
        <P>{v.t('places.intro')}</P>
        <PlacesLinks v={v} />
        <form method="get" action="/locaties" class="sb-form sb-filter">
          <Select name="stadsdeel" label={v.t('places.filterDistrict')} value={wanted} options={[{ value: '', label: v.t('places.allDistricts') }, ...districts.map((d) => ({ value: d.code, label: d.name }))]} />
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {v.t('form.filter')}
          </button>
        </form>
        <P>{v.t('places.count', { n: locs.length })}</P>
        {locs.length === 0 ? (
          <P>{v.t('places.none')}</P>
        ) : (
          <Table
            caption={v.t('places.title')}
            head={[v.t('field.name'), v.t('places.address'), v.t('places.district'), v.t('places.wheelchair')]}
            rows={locs.map((l) => [<A href={`/locaties/${l.id}`}>{l.name}</A>, [l.address, l.postcode].filter(Boolean).join(', '), districtName(districts, l.districtCode), l.wheelchairAccessible ? v.t('places.yes') : v.t('places.no')])}
          />
        )}
      </Layout>,
    );
  });

  app.get('/locaties/:id', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const loc = await getLocation(ctx, c.req.param('id'));
    const [roomList, districts, neighbourhoods] = await Promise.all([listRooms(ctx, loc.id), listDistricts(ctx), listNeighbourhoods(ctx)]);
    const manager = loc.managerOrganisationId ? (await getOrganisationNames(ctx, [loc.managerOrganisationId])).get(loc.managerOrganisationId) : undefined;
    let weekError = false;
    const programme = await listLocationProgramme(ctx, loc.id, c.req.query('week')).catch((err) => {
      if (!(err instanceof AppError) || err.code !== 'validation') throw err;
      weekError = true;
      return listLocationProgramme(ctx, loc.id);
    });
    const mayBook = !!v.actor && hasRole(v.actor, 'partner_staff', 'administrator') && roomList.length > 0;
    const hood = neighbourhoods.find((n) => n.code === loc.neighbourhoodCode);
    const access = [
      `${v.t('places.wheelchair')}: ${loc.wheelchairAccessible ? v.t('places.yes') : v.t('places.no')}`,
      `${v.t('places.accessibleToilet')}: ${loc.accessibleToilet ? v.t('places.yes') : v.t('places.no')}`,
      `${v.t('places.hearingLoop')}: ${loc.hearingLoop ? v.t('places.yes') : v.t('places.no')}`,
    ];
    return c.html(
      <Layout v={v} title={loc.name}>
        <Breadcrumbs v={v} items={[{ href: '/locaties', label: v.t('places.title') }]} />
        <H1>{loc.name}</H1>
        {loc.description && <P>{loc.description}</P>}
        <Facts
          items={[
            [v.t('places.address'), [loc.address, loc.postcode].filter(Boolean).join(', ')],
            ...(loc.districtCode ? ([[v.t('places.district'), districtName(districts, loc.districtCode)]] satisfies [string, string][]) : []),
            ...(hood ? ([[v.t('places.neighbourhood'), hood.name]] satisfies [string, string][]) : []),
            ...(manager ? ([[v.t('places.manager'), manager]] satisfies [string, string][]) : []),
          ]}
        />
        {mayBook && (
          <P>
            <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={`/locaties/${loc.id}/boeken`}>
              {v.t('places.bookRoom')}
            </a>
          </P>
        )}

        <H2 id="programma">{programme.week === isoWeekOf(localParts(ctx.now()).date) ? v.t('places.programme') : v.t('places.programmeWeek', { week: programme.week })}</H2>
        {weekError && <Alert type="warning">{v.t('places.error.weekFallback')}</Alert>}
        <P>{v.t('places.programmeIntro')}</P>
        <nav aria-label={v.t('places.programme')}>
          <ul class="utrecht-link-list utrecht-link-list--inline sb-period-nav">
            <li class="utrecht-link-list__item">
              <a class="utrecht-link" href={`/locaties/${loc.id}?week=${programme.previousWeek}#programma`}>
                {v.t('places.previousWeek')}
              </a>
            </li>
            <li class="utrecht-link-list__item">
              <a class="utrecht-link" href={`/locaties/${loc.id}#programma`}>
                {v.t('places.thisWeek')}
              </a>
            </li>
            <li class="utrecht-link-list__item">
              <a class="utrecht-link" href={`/locaties/${loc.id}?week=${programme.nextWeek}#programma`}>
                {v.t('places.nextWeek')}
              </a>
            </li>
          </ul>
        </nav>
        {programme.days.every((d) => d.items.length === 0) ? (
          <P>{v.t('places.programmeEmpty')}</P>
        ) : (
          programme.days
            .filter((d) => d.items.length > 0)
            .map((d) => (
              <section>
                <H3>{fmtLongDate(v.lang, d.date)}</H3>
                <UL
                  items={d.items.map((i) => (
                    <>
                      {`${fmtTime(v.lang, i.startsAt)}–${fmtTime(v.lang, i.endsAt)} `}
                      <A href={`/activiteiten/${i.activityId}`}>{i.title}</A>
                      {` — ${i.organisationName}`}
                      {i.free ? ` (${v.t('places.free')})` : ''}
                    </>
                  ))}
                />
              </section>
            ))
        )}

        <H2 id="openingstijden">{v.t('places.openingHours')}</H2>
        <HoursTable v={v} loc={loc} />

        <H2 id="toegankelijkheid">{v.t('places.accessibility')}</H2>
        <UL items={access} />
        {loc.accessibilityNotes && <P>{loc.accessibilityNotes}</P>}

        <H2 id="ruimtes">{v.t('places.rooms')}</H2>
        {roomList.length === 0 ? (
          <P>{v.t('places.noRooms')}</P>
        ) : (
          <Table caption={v.t('places.rooms')} head={[v.t('places.room'), v.t('places.capacity'), v.t('places.facilities')]} rows={roomList.map((r) => [r.name, String(r.capacity), r.facilities.join(', ')])} />
        )}
      </Layout>,
    );
  });
}
