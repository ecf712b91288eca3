// Writes the served OpenAPI document to a file (for linting with Spectral in CI): tsx scripts/openapi.ts out.json
import fs from 'node:fs';
import { openPglite } from '../src/platform/db/client.ts';
import { createApp } from '../src/platform/http/app.tsx';
import { loadConfig } from '../src/config.ts';
import { modules } from '../src/modules/index.ts';

const out = process.argv[2] ?? 'openapi.json';
const database = await openPglite();
const app = createApp({ database, config: loadConfig({ PUBLIC_URL: 'https://sociale-basis.example.nl' } as NodeJS.ProcessEnv) }, modules);
const res = await app.request('/api/v1/openapi.json');
fs.writeFileSync(out, JSON.stringify(await res.json(), null, 2));
await database.close();
console.log(`OpenAPI document written to ${out}`);
