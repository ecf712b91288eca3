/** @jsxImportSource hono/jsx */
// Shared pieces of the plan pages: labels for keys (sub-goals, principles, target groups, districts), dates, the
// reach rows of an entry, and the path of a plan.
import type { View } from '../../platform/ui/page.tsx';
import type { ServiceContext } from '../../platform/context.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { listTargetGroups, listDistricts } from '../framework/service.ts';
import type { PlanView, TargetView } from './plan-read.ts';
import { localeOf, dateFormat } from '../../platform/i18n/intl.ts';

export const tk = (v: Pick<View, 't'>, key: MessageKey, params?: Record<string, string | number>) => v.t(key, params);

export const planPath = (p: { themeSlug: string; year: number }) => `/verantwoording/plannen/${encodeURIComponent(p.themeSlug)}/${p.year}`;

export const dateTime = (v: View, d: Date) =>
  dateFormat(localeOf(v.lang), { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(d);

/** Names of the framework's target groups and districts by key, in the reader's language. */
export interface Names {
  targetGroups: { key: string; name: string }[];
  districts: { code: string; name: string }[];
  targetGroup: (key: string) => string;
  district: (code: string) => string;
}

export async function namesFor(ctx: ServiceContext, v: View): Promise<Names> {
  const [groups, districts] = await Promise.all([listTargetGroups(ctx), listDistricts(ctx)]);
  const tg = groups.map((g) => ({ key: g.key, name: g.name[v.lang] }));
  const ds = districts.map((d) => ({ code: d.code, name: d.name }));
  return {
    targetGroups: tg,
    districts: ds,
    targetGroup: (k) => (k ? (tg.find((g) => g.key === k)?.name ?? k) : tk(v, 'reach.entry.allGroups')),
    district: (c) => (c ? (ds.find((d) => d.code === c)?.name ?? c) : tk(v, 'reach.entry.wholeCity')),
  };
}

export const subGoalLabel = (plan: Pick<PlanView, 'subGoals'>, key: string) => {
  const i = plan.subGoals.findIndex((s) => s.key === key);
  return i < 0 ? key : `${i + 1}. ${plan.subGoals[i].text}`;
};

export const principleLabel = (plan: Pick<PlanView, 'principlesOfTheme'>, key: string) => plan.principlesOfTheme.find((p) => p.key === key)?.text ?? key;

export const targetsText = (v: View, names: Names, targets: TargetView[]) =>
  targets.length ? targets.map((t) => `${names.targetGroup(t.targetGroup)} · ${names.district(t.district)}: ${t.plannedResidents}`).join('; ') : '—';

export const Targets = ({ v, names, targets }: { v: View; names: Names; targets: TargetView[] }) =>
  targets.length ? (
    <ul class="utrecht-unordered-list">
      {targets.map((t) => (
        <li class="utrecht-unordered-list__item">
          {names.targetGroup(t.targetGroup)} · {names.district(t.district)}: {tk(v, 'reach.plan.residents', { n: t.plannedResidents })}
        </li>
      ))}
    </ul>
  ) : (
    <>—</>
  );
