// JSON API of the indicators module: definitions, values per area and period (with benchmarks), targets, and a
// batch of values (all or nothing, the same check as a file import).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { errorResponses, jsonResponse } from '../../platform/http/openapi.tsx';
import { AppError } from '../../platform/http/errors.ts';
import { areaLevels, getIndicator, listIndicators, type IndicatorView } from './definitions.ts';
import { listIndicatorValues, writeIndicatorValues, type RawValue } from './values.ts';
import { listIndicatorTargets } from './targets.ts';

export const MAX_API_VALUES = 5000;
const TAG = 'indicatoren';

const indicatorSchema = z
  .object({
    key: z.string().openapi({ example: 'cbs-aantal-inwoners' }),
    name: z.string().openapi({ example: 'Aantal inwoners' }),
    description: z.string().nullable(),
    source: z.string().openapi({ example: 'Kadaster / Centraal Bureau voor de Statistiek, 2024' }),
    unit: z.string().openapi({ example: 'inwoners' }),
    direction: z.enum(['up', 'down']).openapi({ description: 'Welke kant goed is: up = hoger is beter, down = lager is beter' }),
    context: z.boolean().openapi({ description: 'Een contextcijfer (zoals de CBS-kerncijfers): beschrijft een gebied, geen kant is beter' }),
    areaLevels: z.array(z.enum(areaLevels)),
    themeSlugs: z.array(z.string()).openapi({ description: 'Thema’s (slug) waar de indicator over gaat' }),
    subGoalKeys: z.array(z.string()).openapi({ description: 'Subdoelen (sleutel, bijvoorbeeld ontmoeten/2)' }),
    version: z.number().int(),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .openapi('Indicator');

const valueSchema = z
  .object({
    indicatorKey: z.string(),
    areaCode: z.string().openapi({ example: 'WK039201' }),
    areaName: z.string(),
    areaLevel: z.enum(areaLevels),
    period: z.string().openapi({ example: '2024', description: 'Jaar (2024), kwartaal (2024-Q1) of maand (2024-03)' }),
    value: z.number(),
    benchmark: z.boolean().openapi({ description: 'Een gebied van een andere gemeente (vergelijking)' }),
    source: z.string(),
  })
  .openapi('IndicatorValue');

const targetSchema = z
  .object({
    id: z.uuid(),
    indicatorKey: z.string(),
    areaCode: z.string(),
    areaName: z.string(),
    subGoalKeys: z.array(z.string()),
    baselineValue: z.number(),
    baselinePeriod: z.string(),
    targetValue: z.number(),
    targetYear: z.number().int(),
    note: z.string().nullable(),
  })
  .openapi('IndicatorTarget');

const inputValue = z
  .object({
    indicator: z.string().max(80).openapi({ example: 'cbs-aantal-inwoners', description: 'Sleutel van de indicator' }),
    area: z.string().max(40).openapi({ example: 'WK039201', description: 'Gebiedscode: GM…, WK…, BU… (CBS) of de code van een stadsdeel; een code van een andere gemeente is een vergelijkingswaarde' }),
    period: z.union([z.string().max(10), z.number().int()]).openapi({ example: '2024', description: 'Jaar (2024), kwartaal (2024-Q1) of maand (2024-03)' }),
    value: z.union([z.number(), z.string().max(40)]).openapi({ example: 14745 }),
    areaName: z.string().max(200).optional().openapi({ description: 'Naam van een gebied van een andere gemeente' }),
    source: z.string().max(500).optional().openapi({ description: 'Bron van deze waarde (standaard die van de indicator)' }),
  })
  .strict()
  .openapi('IndicatorValueInput');

const batchInput = z
  .object({
    values: z.array(inputValue).min(1).max(MAX_API_VALUES),
    benchmarkFile: z.boolean().optional().openapi({ description: 'Alleen vergelijkingswaarden (gebieden van andere gemeenten); zonder deze vlag wordt een batch met alleen andere gemeenten geweigerd' }),
  })
  .openapi('IndicatorValueBatch');

const batchResult = z
  .object({ status: z.literal('imported'), total: z.number().int(), added: z.number().int(), replaced: z.number().int(), unchanged: z.number().int(), benchmarks: z.number().int() })
  .openapi('IndicatorValueBatchResult');

const keyParam = z.object({ key: z.string().min(1).max(80).openapi({ param: { name: 'key', in: 'path', required: true }, example: 'cbs-aantal-inwoners' }) });

const indicatorJson = (i: IndicatorView) => ({
  key: i.key,
  name: i.name,
  description: i.description,
  source: i.source,
  unit: i.unit,
  direction: i.direction,
  context: i.context,
  areaLevels: i.areaLevels,
  themeSlugs: i.themeSlugs,
  subGoalKeys: i.subGoalKeys,
  version: i.version,
  updatedAt: i.updatedAt.toISOString(),
});

export function registerIndicatorApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/indicators',
      tags: [TAG],
      summary: 'De indicatoren (niveau 4), eventueel van één thema of subdoel',
      request: { query: z.object({ theme: z.string().max(100).optional().openapi({ example: 'ontmoeten' }), subGoal: z.string().max(100).optional().openapi({ example: 'ontmoeten/2' }) }) },
      responses: { 200: jsonResponse(z.array(indicatorSchema), 'Indicatoren') },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json((await listIndicators(c.get('ctx'), q)).map(indicatorJson), 200);
    },
  );
  api.openapi(
    createRoute({ method: 'get', path: '/indicators/{key}', tags: [TAG], summary: 'Eén indicator', request: { params: keyParam }, responses: { 200: jsonResponse(indicatorSchema, 'De indicator'), ...errorResponses(404) } }),
    async (c) => c.json(indicatorJson(await getIndicator(c.get('ctx'), c.req.valid('param').key)), 200),
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: '/indicators/{key}/values',
      tags: [TAG],
      summary: 'De waarden van een indicator per gebied en periode',
      description: 'Eigen gebieden eerst (gemeente, stadsdelen, wijken, buurten), dan met benchmarks=true de vergelijkingswaarden van andere gemeenten; per gebied de perioden op volgorde.',
      request: {
        params: keyParam,
        query: z.object({
          area: z.string().max(2000).optional().openapi({ example: 'WK039201,WK039202', description: 'Gebiedscodes, komma-gescheiden' }),
          areaLevel: z.enum(areaLevels).optional(),
          period: z.string().max(10).optional().openapi({ example: '2024', description: 'Eén periode (zelfde als from=to)' }),
          from: z.string().max(10).optional().openapi({ example: '2020' }),
          to: z.string().max(10).optional().openapi({ example: '2024' }),
          benchmarks: z.enum(['true', 'false']).optional().openapi({ description: 'Ook de waarden van andere gemeenten' }),
        }),
      },
      responses: { 200: jsonResponse(z.array(valueSchema), 'Waarden'), ...errorResponses(404) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const areaCodes = q.area ? q.area.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
      const values = await listIndicatorValues(c.get('ctx'), c.req.valid('param').key, { areaCodes, areaLevel: q.areaLevel, from: q.period ?? q.from, to: q.period ?? q.to, benchmarks: q.benchmarks === 'true' });
      return c.json(values, 200);
    },
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: '/indicator-targets',
      tags: [TAG],
      summary: 'Meetbare doelen per gebied (focuspunten): indicator, nulmeting, doelwaarde en -jaar, subdoelen',
      request: { query: z.object({ area: z.string().max(40).optional(), indicator: z.string().max(80).optional(), theme: z.string().max(100).optional() }) },
      responses: { 200: jsonResponse(z.array(targetSchema), 'Doelen') },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const targets = await listIndicatorTargets(c.get('ctx'), { areaCode: q.area, indicatorKey: q.indicator, theme: q.theme });
      return c.json(targets.map((t) => ({ id: t.id, indicatorKey: t.indicatorKey, areaCode: t.areaCode, areaName: t.areaName, subGoalKeys: t.subGoalKeys, baselineValue: t.baselineValue, baselinePeriod: t.baselinePeriod, targetValue: t.targetValue, targetYear: t.targetYear, note: t.note })), 200);
    },
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: '/indicator-values',
      tags: [TAG],
      summary: `Waarden inlezen: tot ${MAX_API_VALUES} in één keer, alles of niets`,
      description:
        'Dezelfde controle als bij een bestand: bekende indicator, gebiedscode van de gemeente (of van een andere gemeente: vergelijkingswaarde), periode (jaar, kwartaal of maand; niet in de toekomst; één soort per indicator), getal. Een fout → 400 met per waarde de reden (invalidParams: values.N.veld) en er is niets opgeslagen. Dezelfde indicator, hetzelfde gebied en dezelfde periode opnieuw vervangt de waarde.',
      security: [{ sessionCookie: [] }],
      request: { body: { required: true, content: { 'application/json': { schema: batchInput } } } },
      responses: { 200: jsonResponse(batchResult, 'Ingelezen'), ...errorResponses(401, 403) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const rows: RawValue[] = body.values.map((v, i) => ({ row: i + 1, indicator: v.indicator, area: v.area, period: String(v.period), value: v.value, areaName: v.areaName, source: v.source, columns: { indicator: 'indicator', area: 'area', period: 'period', value: 'value' } }));
      const r = await writeIndicatorValues(c.get('ctx'), rows, { origin: 'api', benchmarkFile: body.benchmarkFile });
      if (r.fileError) throw new AppError('validation', 'error.validation', [{ field: 'values', code: 'other_municipality', message: r.fileError.message, params: r.fileError.params }]);
      if (r.status === 'rejected') throw new AppError('validation', 'error.validation', r.errors.map((e) => ({ field: `values.${e.row - 1}.${e.column}`, code: 'invalid_value', message: e.reason })));
      return c.json({ status: 'imported' as const, total: r.total, added: r.added, replaced: r.replaced, unchanged: r.unchanged, benchmarks: r.benchmarks }, 200);
    },
  );
}
