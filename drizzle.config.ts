import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations to drizzle/ from the schema files; review them before committing.
// The platform's tables, and each module's own schema.ts (src/architecture.test.ts checks that every module in
// src/modules/index.ts that has tables declares exactly that file).
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/db/schema.ts', './src/modules/*/schema.ts'],
  out: './drizzle',
});
