// Dutch names and units of the CBS key-figure columns ("kerncijfers wijken en buurten"), kept as data in
// cbs-kerncijfers.json: the seed makes them indicators, the wide import knows them by their CBS column name.
import fs from 'node:fs';
import { z } from '../../platform/zod.ts';

const cbsFileSchema = z.object({
  source: z.string(),
  columns: z.array(z.object({ column: z.string(), key: z.string(), name: z.string(), unit: z.string(), themeSlugs: z.array(z.string()), subGoalKeys: z.array(z.string()), description: z.string().nullable().optional() })),
});
export const cbsKeyFigures = cbsFileSchema.parse(JSON.parse(fs.readFileSync(new URL('./cbs-kerncijfers.json', import.meta.url), 'utf8')));

