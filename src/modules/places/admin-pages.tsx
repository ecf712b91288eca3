/** @jsxImportSource hono/jsx */
// Management pages: locations (administrators add them; managers edit their own), rooms, and rental rates
// (municipality-wide by administrators, per location by its managers). Forms work without JavaScript.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, A, Alert, ErrorSummary, TextField, TextArea, Select, Checkboxes, Csrf, Submit, Table, Breadcrumbs, type View } from '../../platform/ui/page.tsx';
import { readForm, str, list, lines, formErrors, type FormBody } from '../../platform/ui/forms.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { t } from '../../platform/i18n/index.ts';
import { listDistricts, listNeighbourhoods } from '../framework/service.ts';
import { listOrganisations } from '../network/service.ts';
import { organisationTypes } from '../network/service.ts';
import { listLocations, getLocation, createLocation, updateLocation, listRooms, getRoom, createRoom, updateRoom, deleteRoom, listRates, setRate, formatAmount, type LocationInput, type LocationView } from './service.ts';
import { managesLocation } from './policy.ts';
import { weekdays } from './time.ts';
import type { OpeningHours } from './schema.ts';

type LocationValues = Record<string, string | string[]>;

const locationValues = (l?: LocationView): LocationValues => {
  const out: LocationValues = {
    name: l?.name ?? '',
    address: l?.address ?? '',
    postcode: l?.postcode ?? '',
    districtCode: l?.districtCode ?? '',
    neighbourhoodCode: l?.neighbourhoodCode ?? '',
    accessibility: l ? (['wheelchairAccessible', 'accessibleToilet', 'hearingLoop'] as const).filter((k) => l[k]) : [],
    accessibilityNotes: l?.accessibilityNotes ?? '',
    managerOrganisationId: l?.managerOrganisationId ?? '',
    description: l?.description ?? '',
  };
  for (const d of weekdays) {
    out[`openingHours.${d}.open`] = l?.openingHours[d]?.open ?? '';
    out[`openingHours.${d}.close`] = l?.openingHours[d]?.close ?? '';
  }
  return out;
};

const val = (values: LocationValues, k: string) => {
  const x = values[k];
  return Array.isArray(x) ? (x[0] ?? '') : (x ?? '');
};

function readLocation(body: FormBody): { values: LocationValues; input: LocationInput } {
  const values: LocationValues = { ...locationValues(), ...Object.fromEntries(Object.keys(locationValues()).map((k) => [k, k === 'accessibility' ? list(body, k) : str(body, k)])) };
  const openingHours: OpeningHours = {};
  for (const d of weekdays) {
    const open = val(values, `openingHours.${d}.open`).trim();
    const close = val(values, `openingHours.${d}.close`).trim();
    openingHours[d] = open || close ? { open, close } : null;
  }
  const acc = list(body, 'accessibility');
  return {
    values,
    input: {
      name: val(values, 'name'),
      address: val(values, 'address'),
      postcode: val(values, 'postcode'),
      districtCode: val(values, 'districtCode') || null,
      neighbourhoodCode: val(values, 'neighbourhoodCode') || null,
      openingHours,
      wheelchairAccessible: acc.includes('wheelchairAccessible'),
      accessibleToilet: acc.includes('accessibleToilet'),
      hearingLoop: acc.includes('hearingLoop'),
      accessibilityNotes: val(values, 'accessibilityNotes'),
      managerOrganisationId: val(values, 'managerOrganisationId') || null,
      description: val(values, 'description'),
    },
  };
}

const locationLabels = (v: View): Record<string, string> => ({
  name: v.t('field.name'),
  address: v.t('places.address'),
  postcode: 'Postcode',
  districtCode: v.t('places.district'),
  neighbourhoodCode: v.t('places.neighbourhood'),
  accessibilityNotes: v.t('places.accessibilityNotes'),
  managerOrganisationId: v.t('places.manager'),
  description: v.t('places.description'),
  ...Object.fromEntries(weekdays.flatMap((d) => [[`openingHours.${d}.open`, `${v.t(`places.day.${d}`)}: ${v.t('places.admin.open')}`], [`openingHours.${d}.close`, `${v.t(`places.day.${d}`)}: ${v.t('places.admin.close')}`]])),
});

async function LocationForm({ c, action, values, errors, canChangeManager }: { c: Context<AppEnv>; action: string; values: LocationValues; errors: FieldError[]; canChangeManager: boolean }) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const [districts, hoods, orgs] = await Promise.all([listDistricts(ctx), listNeighbourhoods(ctx), canChangeManager ? listOrganisations(ctx) : Promise.resolve([])]);
  const districtNames = new Map(districts.map((d) => [d.code, d.name]));
  return (
    <form method="post" action={action} class="sb-form" novalidate>
      <Csrf v={v} />
      <ErrorSummary v={v} errors={errors} />
      <TextField name="name" label={v.t('field.name')} value={val(values, 'name')} errors={errors} required />
      <TextField name="address" label={v.t('places.address')} value={val(values, 'address')} errors={errors} required autocomplete="street-address" />
      <TextField name="postcode" label="Postcode" value={val(values, 'postcode')} errors={errors} autocomplete="postal-code" />
      <Select name="districtCode" label={v.t('places.district')} value={val(values, 'districtCode')} errors={errors} options={[{ value: '', label: v.t('places.admin.chooseDistrict') }, ...districts.map((d) => ({ value: d.code, label: d.name }))]} />
      <Select
        name="neighbourhoodCode"
        label={v.t('places.neighbourhood')}
        value={val(values, 'neighbourhoodCode')}
        errors={errors}
        options={[{ value: '', label: v.t('places.admin.chooseNeighbourhood') }, ...hoods.map((n) => ({ value: n.code, label: `${n.name}${n.districtCode ? ` (${districtNames.get(n.districtCode) ?? n.districtCode})` : ''}` }))]}
      />
      {canChangeManager ? (
        <Select name="managerOrganisationId" label={v.t('places.manager')} value={val(values, 'managerOrganisationId')} errors={errors} options={[{ value: '', label: v.t('places.admin.noManager') }, ...orgs.map((o) => ({ value: o.id, label: o.name }))]} />
      ) : (
        <input type="hidden" name="managerOrganisationId" value={val(values, 'managerOrganisationId')} />
      )}
      <TextArea name="description" label={v.t('places.description')} value={val(values, 'description')} errors={errors} />
      <fieldset class="utrecht-form-fieldset">
        <legend class="utrecht-form-fieldset__legend">{v.t('places.openingHours')}</legend>
        <P>{v.t('places.admin.hoursHint')}</P>
        {weekdays.map((d) => (
          <div class="sb-hours-row">
            <TextField name={`openingHours.${d}.open`} type="time" label={`${v.t(`places.day.${d}`)}: ${v.t('places.admin.open')}`} value={val(values, `openingHours.${d}.open`)} errors={errors} />
            <TextField name={`openingHours.${d}.close`} type="time" label={`${v.t(`places.day.${d}`)}: ${v.t('places.admin.close')}`} value={val(values, `openingHours.${d}.close`)} errors={errors} />
          </div>
        ))}
      </fieldset>
      <Checkboxes
        name="accessibility"
        label={v.t('places.accessibility')}
        values={(values.accessibility as string[]) ?? []}
        errors={errors}
        options={[
          { value: 'wheelchairAccessible', label: v.t('places.wheelchair') },
          { value: 'accessibleToilet', label: v.t('places.accessibleToilet') },
          { value: 'hearingLoop', label: v.t('places.hearingLoop') },
        ]}
      />
      <TextArea name="accessibilityNotes" label={v.t('places.accessibilityNotes')} value={val(values, 'accessibilityNotes')} errors={errors} />
      <div>
        <Submit>{v.t('form.save')}</Submit>
      </div>
    </form>
  );
}

/** Euro amount typed by a person ("12,50", "12.5", "0") → cents; '' → null; anything else → undefined. */
export function parseEuro(s: string): number | null | undefined {
  const x = s.trim();
  if (x === '') return null;
  const m = /^(\d{1,4})(?:[.,](\d{1,2}))?$/.exec(x);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

const roomLabels = (v: View) => ({ name: v.t('places.room'), capacity: v.t('places.capacity'), facilities: v.t('places.facilities') });
/** Room errors from the service ("name") → the room form's fields ("room.name"). */
const roomErrors = (v: View, err: unknown) => formErrors(err, v.lang, roomLabels(v)).map((f) => ({ ...f, field: f.field === 'form' ? f.field : `room.${f.field}` }));

export function registerPlacesAdminPages(app: OpenAPIHono<AppEnv>) {
  const listPage = async (c: Context<AppEnv>, values: LocationValues, errors: FieldError[], status: number) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const isAdmin = hasRole(v.actor, 'administrator');
    const locs = (await listLocations(ctx)).filter((l) => managesLocation(v.actor, l));
    return c.html(
      <Layout v={v} title={v.t('places.admin.title')}>
        <Breadcrumbs v={v} items={[{ href: '/locaties', label: v.t('places.title') }]} />
        <H1>{v.t('places.admin.title')}</H1>
        {c.req.query('opgeslagen') && <Alert type="ok">{v.t('form.saved')}</Alert>}
        <P>{v.t('places.admin.intro')}</P>
        {isAdmin && (
          <P>
            <A href="/beheer/tarieven">{v.t('places.admin.rates')}</A>
          </P>
        )}
        {locs.length === 0 ? <P>{v.t('places.admin.none')}</P> : <Table caption={v.t('places.title')} head={[v.t('field.name'), v.t('places.address')]} rows={locs.map((l) => [<A href={`/beheer/locaties/${l.id}`}>{l.name}</A>, l.address])} />}
        {isAdmin && (
          <>
            <H2 id="nieuw">{v.t('places.admin.new')}</H2>
            {await LocationForm({ c, action: '/beheer/locaties', values, errors, canChangeManager: true })}
          </>
        )}
      </Layout>,
      status as 200,
    );
  };

  app.get('/beheer/locaties', (c) => listPage(c, locationValues(), [], 200));

  app.post('/beheer/locaties', async (c) => {
    const v = viewOf(c);
    const { values, input } = readLocation(await readForm(c));
    try {
      const loc = await createLocation(c.get('ctx'), input);
      return c.redirect(`/beheer/locaties/${loc.id}?opgeslagen=1`, 303);
    } catch (err) {
      return listPage(c, values, formErrors(err, v.lang, locationLabels(v)), err instanceof AppError ? err.status : 400);
    }
  });

  const editPage = async (c: Context<AppEnv>, loc: LocationView, values: LocationValues, errors: FieldError[], status: number, roomFieldErrors: FieldError[] = [], roomValues = { name: '', capacity: '', facilities: '' }) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const rooms = await listRooms(ctx, loc.id);
    return c.html(
      <Layout v={v} title={`${v.t('places.admin.edit')}: ${loc.name}`}>
        <Breadcrumbs v={v} items={[{ href: '/beheer/locaties', label: v.t('places.admin.title') }, { href: `/locaties/${loc.id}`, label: loc.name }]} />
        <H1>{`${v.t('places.admin.edit')}: ${loc.name}`}</H1>
        {c.req.query('opgeslagen') && <Alert type="ok">{v.t('form.saved')}</Alert>}
        {c.req.query('verwijderd') && <Alert type="ok">{v.t('places.admin.roomDeleted')}</Alert>}
        <P>
          <A href={`/beheer/locaties/${loc.id}/tarieven`}>{v.t('places.admin.locationRates')}</A>
        </P>
        {await LocationForm({ c, action: `/beheer/locaties/${loc.id}`, values, errors, canChangeManager: hasRole(v.actor, 'administrator') })}
        <H2 id="ruimtes">{v.t('places.rooms')}</H2>
        {rooms.length === 0 ? (
          <P>{v.t('places.noRooms')}</P>
        ) : (
          <Table caption={v.t('places.rooms')} head={[v.t('places.room'), v.t('places.capacity'), v.t('places.facilities')]} rows={rooms.map((r) => [<A href={`/beheer/ruimtes/${r.id}`}>{r.name}</A>, String(r.capacity), r.facilities.join(', ')])} />
        )}
        <H2 id="ruimte-toevoegen">{v.t('places.admin.addRoom')}</H2>
        <RoomForm v={v} action={`/beheer/locaties/${loc.id}/ruimtes`} values={roomValues} errors={roomFieldErrors} />
      </Layout>,
      status as 200,
    );
  };

  app.get('/beheer/locaties/:id', async (c) => {
    const loc = await getLocation(c.get('ctx'), c.req.param('id'));
    if (!managesLocation(c.get('ctx').actor, loc)) throw new AppError('forbidden', 'error.forbidden');
    return editPage(c, loc, locationValues(loc), [], 200);
  });

  app.post('/beheer/locaties/:id', async (c) => {
    const v = viewOf(c);
    const loc = await getLocation(c.get('ctx'), c.req.param('id'));
    const { values, input } = readLocation(await readForm(c));
    try {
      await updateLocation(c.get('ctx'), loc.id, input);
      return c.redirect(`/beheer/locaties/${loc.id}?opgeslagen=1`, 303);
    } catch (err) {
      return editPage(c, loc, values, formErrors(err, v.lang, locationLabels(v)), err instanceof AppError ? err.status : 400);
    }
  });

  const readRoom = (v: View, body: FormBody) => {
    const values = { name: str(body, 'room.name'), capacity: str(body, 'room.capacity').trim(), facilities: str(body, 'room.facilities') };
    const capacity = Number(values.capacity);
    const errors: FieldError[] = [];
    if (!/^\d{1,5}$/.test(values.capacity) || capacity < 1 || capacity > 10000) errors.push({ field: 'room.capacity', message: `${v.t('places.capacity')}: ${t(v.lang, 'places.error.capacity')}` });
    return { values, errors, input: { name: values.name, capacity, facilities: lines(values.facilities) } };
  };

  app.post('/beheer/locaties/:id/ruimtes', async (c) => {
    const v = viewOf(c);
    const loc = await getLocation(c.get('ctx'), c.req.param('id'));
    const { values, errors, input } = readRoom(v, await readForm(c));
    if (errors.length) return editPage(c, loc, locationValues(loc), [], 400, errors, values);
    try {
      await createRoom(c.get('ctx'), loc.id, input);
      return c.redirect(`/beheer/locaties/${loc.id}?opgeslagen=1#ruimtes`, 303);
    } catch (err) {
      return editPage(c, loc, locationValues(loc), [], err instanceof AppError ? err.status : 400, roomErrors(v, err), values);
    }
  });

  const roomPage = async (c: Context<AppEnv>, roomId: string, values: { name: string; capacity: string; facilities: string } | null, errors: FieldError[], status: number) => {
    const v = viewOf(c);
    const room = await getRoom(c.get('ctx'), roomId);
    if (!managesLocation(v.actor, room.location)) throw new AppError('forbidden', 'error.forbidden');
    const shown = values ?? { name: room.name, capacity: String(room.capacity), facilities: room.facilities.join('\n') };
    return c.html(
      <Layout v={v} title={`${v.t('places.admin.editRoom')}: ${room.name}`}>
        <Breadcrumbs v={v} items={[{ href: '/beheer/locaties', label: v.t('places.admin.title') }, { href: `/beheer/locaties/${room.locationId}`, label: room.location.name }]} />
        <H1>{`${v.t('places.admin.editRoom')}: ${room.name}`}</H1>
        <RoomForm v={v} action={`/beheer/ruimtes/${room.id}`} values={shown} errors={errors} />
        <form method="post" action={`/beheer/ruimtes/${room.id}/verwijderen`} class="sb-form">
          <Csrf v={v} />
          <Submit secondary>{v.t('places.admin.deleteRoom')}</Submit>
        </form>
      </Layout>,
      status as 200,
    );
  };

  app.get('/beheer/ruimtes/:id', (c) => roomPage(c, c.req.param('id'), null, [], 200));

  app.post('/beheer/ruimtes/:id', async (c) => {
    const v = viewOf(c);
    const room = await getRoom(c.get('ctx'), c.req.param('id'));
    const { values, errors, input } = readRoom(v, await readForm(c));
    if (errors.length) return roomPage(c, room.id, values, errors, 400);
    try {
      await updateRoom(c.get('ctx'), room.id, input);
      return c.redirect(`/beheer/locaties/${room.locationId}?opgeslagen=1#ruimtes`, 303);
    } catch (err) {
      return roomPage(c, room.id, values, roomErrors(v, err), err instanceof AppError ? err.status : 400);
    }
  });

  app.post('/beheer/ruimtes/:id/verwijderen', async (c) => {
    const room = await getRoom(c.get('ctx'), c.req.param('id'));
    await deleteRoom(c.get('ctx'), room.id);
    return c.redirect(`/beheer/locaties/${room.locationId}?verwijderd=1#ruimtes`, 303);
  });

  // ------------------------------------------------------------ rates

  const ratesPage = async (c: Context<AppEnv>, locationId: string | null, values: Record<string, string> | null, errors: FieldError[], status: number) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const loc = locationId ? await getLocation(ctx, locationId) : null;
    if (loc && !managesLocation(v.actor, loc)) throw new AppError('forbidden', 'error.forbidden');
    const rates = await listRates(ctx, locationId);
    const own = (r: (typeof rates)[number]) => (loc ? r.source === 'location' : r.source === 'global');
    const shown = values ?? Object.fromEntries(rates.map((r) => [`rate.${r.organisationType}`, own(r) ? formatAmount(v.lang, r.hourlyRateCents) : '']));
    const action = loc ? `/beheer/locaties/${loc.id}/tarieven` : '/beheer/tarieven';
    const title = loc ? `${v.t('places.admin.locationRates')}: ${loc.name}` : v.t('places.admin.rates');
    return c.html(
      <Layout v={v} title={title}>
        <Breadcrumbs v={v} items={[{ href: '/beheer/locaties', label: v.t('places.admin.title') }, ...(loc ? [{ href: `/beheer/locaties/${loc.id}`, label: loc.name }] : [])]} />
        <H1>{title}</H1>
        {c.req.query('opgeslagen') && <Alert type="ok">{v.t('form.saved')}</Alert>}
        <P>{loc ? v.t('places.admin.locationRatesIntro') : v.t('places.admin.ratesIntro')}</P>
        <form method="post" action={action} class="sb-form" novalidate>
          <Csrf v={v} />
          <ErrorSummary v={v} errors={errors} />
          {rates.map((r) => (
            <TextField
              name={`rate.${r.organisationType}`}
              label={`${v.t(`orgType.${r.organisationType}`)} — ${v.t('places.admin.ratePerHour')}`}
              description={`${v.t('places.admin.currentRate')}: ${formatAmount(v.lang, r.hourlyRateCents)} (${v.t(`places.admin.rateSource.${r.source}`)})`}
              value={shown[`rate.${r.organisationType}`] ?? ''}
              errors={errors}
            />
          ))}
          <div>
            <Submit>{v.t('form.save')}</Submit>
          </div>
        </form>
      </Layout>,
      status as 200,
    );
  };

  const saveRates = async (c: Context<AppEnv>, locationId: string | null) => {
    const v = viewOf(c);
    const body = await readForm(c);
    const values = Object.fromEntries(organisationTypes.map((type) => [`rate.${type}`, str(body, `rate.${type}`)]));
    const parsed = organisationTypes.map((type) => ({ type, cents: parseEuro(values[`rate.${type}`]) }));
    const errors: FieldError[] = parsed.filter((p) => p.cents === undefined).map((p) => ({ field: `rate.${p.type}`, message: `${v.t(`orgType.${p.type}`)}: ${t(v.lang, 'places.error.rate')}` }));
    if (errors.length) return ratesPage(c, locationId, values, errors, 400);
    for (const p of parsed) await setRate(c.get('ctx'), { locationId, organisationType: p.type, hourlyRateCents: p.cents ?? null });
    return c.redirect(`${locationId ? `/beheer/locaties/${locationId}/tarieven` : '/beheer/tarieven'}?opgeslagen=1`, 303);
  };

  app.get('/beheer/tarieven', (c) => ratesPage(c, null, null, [], 200));
  app.post('/beheer/tarieven', (c) => saveRates(c, null));
  app.get('/beheer/locaties/:id/tarieven', (c) => ratesPage(c, c.req.param('id'), null, [], 200));
  app.post('/beheer/locaties/:id/tarieven', async (c) => {
    const loc = await getLocation(c.get('ctx'), c.req.param('id'));
    return saveRates(c, loc.id);
  });
}

const RoomForm = ({ v, action, values, errors }: { v: View; action: string; values: { name: string; capacity: string; facilities: string }; errors: FieldError[] }) => (
  <form method="post" action={action} class="sb-form" novalidate>
    <Csrf v={v} />
    <ErrorSummary v={v} errors={errors} />
    <TextField name="room.name" label={v.t('places.room')} value={values.name} errors={errors} required />
    <TextField name="room.capacity" type="number" label={v.t('places.capacity')} value={values.capacity} errors={errors} required />
    <TextArea name="room.facilities" label={v.t('places.facilities')} description={v.t('places.admin.facilitiesHint')} value={values.facilities} errors={errors} rows={3} />
    <div>
      <Submit>{v.t('form.save')}</Submit>
    </div>
  </form>
);
