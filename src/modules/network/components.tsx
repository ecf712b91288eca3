/** @jsxImportSource hono/jsx */
// Forms and small views of the network module, shared by the public pages, "Mijn organisatie" and the administration pages.
import type { FC } from 'hono/jsx';
import { TextField, TextArea, Select, Checkboxes, ErrorSummary, Csrf, Submit, fieldId, type View } from '../../platform/ui/page.tsx';
import { str, list, type FormBody } from '../../platform/ui/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { driehoekRoles, expertiseAreas, organisationTypes, type DriehoekRole } from './types.ts';
import type { FrameworkRefs } from './refs.ts';
import type { OrganisationView } from './organisations.ts';
import type { PersonInput } from './types.ts';
import type { PersonView } from './people.ts';

export const isExpertiseArea = (s: string): s is (typeof expertiseAreas)[number] => (expertiseAreas as readonly string[]).includes(s);
export const expertiseLabel = (v: View, s: string) => (isExpertiseArea(s) ? v.t(`expertise.${s}`) : s);
export const roleLabel = (v: View, r: DriehoekRole) => v.t(`driehoekRole.${r}`);
export const nameOf = (m: Map<string, unknown>, code: string) => {
  const x = m.get(code);
  return typeof x === 'string' ? x : ((x as { name?: string } | undefined)?.name ?? code);
};

// ------------------------------------------------------------------ organisation profile

export interface ProfileValues {
  name: string;
  type: string;
  description: string;
  website: string;
  contactEmail: string;
  contactPhone: string;
  districts: string[];
  themes: string[];
}

export const profileValues = (o: OrganisationView): ProfileValues => ({
  name: o.name,
  type: o.type,
  description: o.description,
  website: o.website ?? '',
  contactEmail: o.contactEmail ?? '',
  contactPhone: o.contactPhone ?? '',
  districts: o.districts,
  themes: o.themes,
});

export const profileFromForm = (b: FormBody): ProfileValues => ({
  name: str(b, 'name'),
  type: str(b, 'type'),
  description: str(b, 'description'),
  website: str(b, 'website'),
  contactEmail: str(b, 'contactEmail'),
  contactPhone: str(b, 'contactPhone'),
  districts: list(b, 'districts'),
  themes: list(b, 'themes'),
});

export const profileLabels = (v: View) => ({
  name: v.t('field.name'),
  type: v.t('org.type'),
  description: v.t('network.description'),
  website: v.t('network.website'),
  contactEmail: v.t('network.contactEmail'),
  contactPhone: v.t('network.contactPhone'),
  districts: v.t('network.districts'),
  themes: v.t('network.themes'),
});

export const ProfileForm: FC<{ v: View; action: string; values: ProfileValues; errors: FieldError[]; refs: FrameworkRefs; withNameAndType: boolean }> = ({ v, action, values, errors, refs, withNameAndType }) => (
  <form method="post" action={action} class="sb-form" novalidate>
    <Csrf v={v} />
    <ErrorSummary v={v} errors={errors} />
    {withNameAndType && (
      <>
        <TextField name="name" label={v.t('field.name')} value={values.name} errors={errors} required />
        <Select name="type" label={v.t('org.type')} value={values.type} errors={errors} options={[{ value: '', label: v.t('org.chooseType') }, ...organisationTypes.map((t) => ({ value: t, label: v.t(`orgType.${t}`) }))]} />
      </>
    )}
    <TextArea name="description" label={v.t('network.description')} description={v.t('network.descriptionHint')} value={values.description} errors={errors} rows={6} />
    <TextField name="website" label={v.t('network.website')} description={v.t('network.websiteHint')} value={values.website} errors={errors} type="url" autocomplete="url" />
    <TextField name="contactEmail" label={v.t('network.contactEmail')} description={v.t('network.contactEmailHint')} value={values.contactEmail} errors={errors} type="email" />
    <TextField name="contactPhone" label={v.t('network.contactPhone')} description={v.t('network.contactPhoneHint')} value={values.contactPhone} errors={errors} type="tel" />
    <Checkboxes name="districts" label={v.t('network.districts')} values={values.districts} errors={errors} options={[...refs.districts].map(([code, name]) => ({ value: code, label: name }))} />
    <Checkboxes name="themes" label={v.t('network.themes')} values={values.themes} errors={errors} options={[...refs.themes].map(([slug, t]) => ({ value: slug, label: t.name }))} />
    <div>
      <Submit>{v.t('form.save')}</Submit>
    </div>
  </form>
);

// ------------------------------------------------------------------ person

export interface PersonValues {
  name: string;
  jobTitle: string;
  workEmail: string;
  workPhone: string;
  generalistArea: string;
  specialisms: string[];
  otherSpecialisms: string;
  districts: string[];
  themes: string[];
  /** district code → role ('' for none) */
  driehoek: Record<string, string>;
}

export const emptyPerson: PersonValues = { name: '', jobTitle: '', workEmail: '', workPhone: '', generalistArea: '', specialisms: [], otherSpecialisms: '', districts: [], themes: [], driehoek: {} };

export const personValues = (p: PersonView): PersonValues => ({
  name: p.name,
  jobTitle: p.jobTitle,
  workEmail: p.workEmail ?? '',
  workPhone: p.workPhone ?? '',
  generalistArea: p.generalistArea,
  specialisms: p.specialisms.filter(isExpertiseArea),
  otherSpecialisms: p.specialisms.filter((s) => !isExpertiseArea(s)).join(', '),
  districts: p.districts,
  themes: p.themes,
  driehoek: Object.fromEntries(p.driehoek.map((d) => [d.district, d.role])),
});

export function personFromForm(b: FormBody, refs: FrameworkRefs): PersonValues {
  const driehoek: Record<string, string> = {};
  for (const code of refs.districts.keys()) driehoek[code] = str(b, `driehoek.${code}`);
  return {
    name: str(b, 'name'),
    jobTitle: str(b, 'jobTitle'),
    workEmail: str(b, 'workEmail'),
    workPhone: str(b, 'workPhone'),
    generalistArea: str(b, 'generalistArea'),
    specialisms: list(b, 'specialisms'),
    otherSpecialisms: str(b, 'otherSpecialisms'),
    districts: list(b, 'districts'),
    themes: list(b, 'themes'),
    driehoek,
  };
}

export const personInputOf = (p: PersonValues): PersonInput => ({
  name: p.name,
  jobTitle: p.jobTitle,
  workEmail: p.workEmail,
  workPhone: p.workPhone,
  generalistArea: p.generalistArea,
  specialisms: [
    ...p.specialisms,
    ...p.otherSpecialisms
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ],
  districts: p.districts,
  themes: p.themes,
  driehoek: Object.entries(p.driehoek)
    .filter(([, role]) => role)
    .map(([district, role]) => ({ district, role: role as DriehoekRole })),
});

export const personLabels = (v: View) => ({
  name: v.t('network.personName'),
  jobTitle: v.t('network.jobTitle'),
  workEmail: v.t('network.workEmail'),
  workPhone: v.t('network.workPhone'),
  generalistArea: v.t('network.generalistArea'),
  specialisms: v.t('network.specialisms'),
  districts: v.t('network.personDistricts'),
  themes: v.t('network.personThemes'),
  driehoek: v.t('network.driehoek'),
});

export const PersonForm: FC<{ v: View; action: string; values: PersonValues; errors: FieldError[]; refs: FrameworkRefs }> = ({ v, action, values, errors, refs }) => {
  const driehoekError = errors.find((e) => e.field === 'driehoek' || e.field.startsWith('driehoek.'));
  return (
    <form method="post" action={action} class="sb-form" novalidate>
      <Csrf v={v} />
      <ErrorSummary v={v} errors={errors} />
      <TextField name="name" label={v.t('network.personName')} value={values.name} errors={errors} required autocomplete="off" />
      <TextField name="jobTitle" label={v.t('network.jobTitle')} value={values.jobTitle} errors={errors} required />
      <TextField name="workEmail" label={v.t('network.workEmail')} description={v.t('network.workContactHint')} value={values.workEmail} errors={errors} type="email" autocomplete="off" />
      <TextField name="workPhone" label={v.t('network.workPhone')} description={v.t('network.workContactHint')} value={values.workPhone} errors={errors} type="tel" autocomplete="off" />
      <TextField name="generalistArea" label={v.t('network.generalistArea')} description={v.t('network.generalistHint')} value={values.generalistArea} errors={errors} required />
      <Checkboxes name="specialisms" label={v.t('network.specialisms')} description={v.t('network.specialismsHint')} values={values.specialisms} errors={errors} options={expertiseAreas.map((a) => ({ value: a, label: v.t(`expertise.${a}`) }))} />
      <TextField name="otherSpecialisms" label={v.t('network.otherSpecialisms')} description={v.t('network.otherSpecialismsHint')} value={values.otherSpecialisms} errors={[]} />
      <Checkboxes name="districts" label={v.t('network.personDistricts')} values={values.districts} errors={errors} options={[...refs.districts].map(([code, name]) => ({ value: code, label: name }))} />
      <Checkboxes name="themes" label={v.t('network.personThemes')} values={values.themes} errors={errors} options={[...refs.themes].map(([slug, t]) => ({ value: slug, label: t.name }))} />
      <fieldset class={`utrecht-form-fieldset${driehoekError ? ' utrecht-form-fieldset--invalid' : ''}`} id={fieldId('driehoek')} aria-describedby={`${fieldId('driehoek')}-beschrijving`}>
        <legend class="utrecht-form-fieldset__legend">{v.t('network.driehoek')}</legend>
        <div class="utrecht-form-field-description" id={`${fieldId('driehoek')}-beschrijving`}>
          {v.t('network.driehoekHint')}
        </div>
        {driehoekError && <div class="utrecht-form-field-error-message">{driehoekError.message}</div>}
        {[...refs.districts].map(([code, name]) => (
          <Select
            name={`driehoek.${code}`}
            label={v.t('network.driehoekIn', { district: name })}
            value={values.driehoek[code] ?? ''}
            errors={[]}
            options={[{ value: '', label: v.t('network.noRole') }, ...driehoekRoles.map((r) => ({ value: r, label: roleLabel(v, r) }))]}
          />
        ))}
      </fieldset>
      <div>
        <Submit>{v.t('form.save')}</Submit>
      </div>
    </form>
  );
};

/** A person's expertise, T-shaped: the broad base, then the specialisms. */
export const Expertise: FC<{ v: View; p: PersonView }> = ({ v, p }) => (
  <>
    {p.generalistArea}
    {p.specialisms.length > 0 && `: ${p.specialisms.map((s) => expertiseLabel(v, s)).join(', ')}`}
  </>
);

export const WorkContact: FC<{ p: { workEmail: string | null; workPhone: string | null } }> = ({ p }) => (
  <>
    {p.workEmail && (
      <a class="utrecht-link" href={`mailto:${p.workEmail}`}>
        {p.workEmail}
      </a>
    )}
    {p.workEmail && p.workPhone && <br />}
    {p.workPhone && (
      <a class="utrecht-link" href={`tel:${p.workPhone.replace(/[^0-9+]/g, '')}`}>
        {p.workPhone}
      </a>
    )}
  </>
);
