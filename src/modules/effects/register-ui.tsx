/** @jsxImportSource hono/jsx */
// Small building blocks shared by the register pages (trajectories, stories, complaints): the links between them,
// option lists from the framework, and display helpers.
import type { ServiceContext } from '../../platform/context.ts';
import { A, type View } from '../../platform/ui/page.tsx';
import { hasRole } from '../../platform/auth/roles.ts';
import { listThemes, listDistricts, listNeighbourhoods } from '../framework/service.ts';
import { listOrganisations } from '../network/service.ts';
import { formatDay, localeOf, numberFormat } from '../../platform/i18n/intl.ts';

/** Links to the three registers and their figures, for the roles that use them. */
export const RegisterLinks = ({ v }: { v: View }) => {
  const a = v.actor;
  if (!a) return null;
  const items: { href: string; label: string }[] = [];
  if (hasRole(a, 'partner_staff', 'policy_advisor', 'administrator')) items.push({ href: '/effecten/trajecten', label: v.t('effects.outflow.title') }, { href: '/effecten/verhalen', label: v.t('effects.story.title') });
  if (hasRole(a, 'partner_staff', 'policy_advisor', 'contract_manager', 'administrator', 'auditor')) items.push({ href: '/effecten/uitstroom', label: v.t('effects.outflow.report.title') });
  if (hasRole(a, 'partner_staff', 'policy_advisor', 'contract_manager', 'administrator')) items.push({ href: '/effecten/klachten', label: v.t('effects.complaint.title') });
  if (hasRole(a, 'partner_staff', 'policy_advisor', 'contract_manager', 'administrator', 'auditor')) items.push({ href: '/effecten/klachten/cijfers', label: v.t('effects.complaint.figures.title') });
  if (hasRole(a, 'administrator')) items.push({ href: '/effecten/leefgebieden', label: v.t('effects.outflow.domainsLink') });
  return (
    <nav aria-label={v.t('effects.registers.nav')}>
      <ul class="utrecht-link-list utrecht-link-list--inline sb-period-nav">
        {items.map((i) => (
          <li class="utrecht-link-list__item">
            <a class="utrecht-link" href={i.href} aria-current={v.path === i.href ? 'page' : undefined}>
              {i.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
};

export interface FrameworkOptions {
  themes: { value: string; label: string }[];
  subGoals: { value: string; label: string }[];
  principles: { value: string; label: string }[];
  districts: { value: string; label: string }[];
  wijken: { value: string; label: string }[];
  themeName: (slug: string | null) => string;
  districtName: (code: string | null) => string;
  subGoalText: (key: string) => string;
}

export async function frameworkOptions(ctx: ServiceContext): Promise<FrameworkOptions> {
  const [themes, districts, hoods] = await Promise.all([listThemes(ctx), listDistricts(ctx), listNeighbourhoods(ctx)]);
  const subGoals = themes.flatMap((t) => t.subGoalGroups.flatMap((g) => g.subGoals.map((s) => ({ value: s.key, label: `${t.name}: ${s.text}` }))));
  const principles = themes.flatMap((t) => t.principleGroups.flatMap((g) => g.items.map((p) => ({ value: p.key, label: `${t.name}: ${p.text}` }))));
  return {
    themes: themes.map((t) => ({ value: t.slug, label: t.name })),
    subGoals,
    principles,
    districts: districts.map((d) => ({ value: d.code, label: d.name })),
    wijken: hoods.filter((n) => n.kind === 'wijk').map((n) => ({ value: n.code, label: `${n.name} (${n.code})` })),
    themeName: (slug) => (slug ? (themes.find((t) => t.slug === slug)?.name ?? slug) : ''),
    districtName: (code) => (code ? (districts.find((d) => d.code === code)?.name ?? code) : ''),
    subGoalText: (key) => subGoals.find((s) => s.value === key)?.label ?? key,
  };
}

export async function organisationOptions(ctx: ServiceContext): Promise<{ value: string; label: string }[]> {
  return (await listOrganisations(ctx)).map((o) => ({ value: o.id, label: o.name }));
}

/** A date as "2 maart 2026". */
export const fmtDate = (v: View, iso: string | null) => formatDay(v.lang, iso);
export const fmtShare = (v: View, x: number | null) => (x === null ? 'x' : numberFormat(localeOf(v.lang), { style: 'percent', maximumFractionDigits: 0 }).format(x));
export const fmtNumber = (v: View, x: number | null, suppressed = true) =>
  x === null ? (suppressed ? v.t('effects.suppressed') : v.t('effects.none')) : numberFormat(localeOf(v.lang), { maximumFractionDigits: 2, signDisplay: 'auto' }).format(x);

/** A disclosed count (reach's small-cell rule): a number, "< 5" or "x". */
export const fmtCount = (v: View, c: number | string) => (typeof c === 'string' ? c : numberFormat(localeOf(v.lang)).format(c));

/** A flag that says it in words (not by colour alone). */
export const Flag = ({ children }: { children?: unknown }) => <strong class="sb-flag">{children as never}</strong>;

export { A };
