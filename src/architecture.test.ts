// The import rules of docs/ARCHITECTURE.md hold for the whole source tree, and the checker itself catches each kind
// of violation. Test files (`*.test.ts(x)`, `test-*.ts`) are exempt from the public-entry and order rules only.
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { checkArchitecture, importsOf, loops, readSources, type SourceFile } from '../test/architecture.ts';
import { modules } from './modules/index.ts';

const root = path.resolve(import.meta.dirname, '..');
const order = modules.map((m) => m.name);

describe('architecture', () => {
  it('holds for the source tree', () => {
    const files = readSources(root);
    expect(files.length).toBeGreaterThan(100);
    expect(checkArchitecture(files, order)).toEqual([]);
  });

  it('lists every module folder once, and each module declares its own schema file', async () => {
    const folders = fs
      .readdirSync(path.join(root, 'src/modules'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect([...order].sort()).toEqual([...folders].sort());
    for (const m of modules) {
      const file = path.join(root, 'src/modules', m.name, 'schema.ts');
      if (!fs.existsSync(file)) {
        expect(m.schema, m.name).toBeUndefined();
        continue;
      }
      const tables = await import(file);
      expect(m.schema, m.name).toBeDefined();
      expect(Object.keys(m.schema!).sort(), m.name).toEqual(Object.keys(tables).sort());
      for (const k of Object.keys(tables)) expect(m.schema![k], `${m.name}.${k}`).toBe(tables[k]);
    }
  });

  it('reads imports, re-exports, import() and import types', () => {
    const text = [
      "import { a } from './a.ts';",
      "import type { B } from '../b/service.ts';",
      "export * from './c.ts';",
      "const d = await import('../d/service.ts');",
      "type E = import('../../platform/e.ts').E;",
      "import x from 'hono';",
    ].join('\n');
    expect(importsOf('src/modules/m/file.ts', text)).toEqual(['src/modules/m/a.ts', 'src/modules/b/service.ts', 'src/modules/m/c.ts', 'src/modules/d/service.ts', 'src/platform/e.ts']);
  });

  const file = (f: string, ...imports: string[]): SourceFile => ({ file: f, imports });
  const list = ['framework', 'network', 'places', 'catalogue'];

  it('refuses the platform importing a module', () => {
    expect(checkArchitecture([file('src/platform/http/app.tsx', 'src/modules/catalogue/routes.tsx')], list)).toEqual([
      'src/platform/http/app.tsx imports src/modules/catalogue/routes.tsx: the platform imports no module',
    ]);
  });

  it('refuses a module using another module’s files other than its service.ts', () => {
    expect(checkArchitecture([file('src/modules/places/demo.ts', 'src/modules/network/types.ts')], list)).toEqual([
      'src/modules/places/demo.ts imports src/modules/network/types.ts: another module is used only through its service.ts',
    ]);
    expect(checkArchitecture([file('src/modules/places/schema.ts', 'src/modules/network/schema.ts'), file('src/modules/places/demo.ts', 'src/modules/network/service.ts')], list)).toEqual([]);
    expect(checkArchitecture([file('src/modules/places/locations.ts', 'src/modules/network/schema.ts')], list)).toHaveLength(1);
    // Test files may use another module's test helpers.
    expect(checkArchitecture([file('src/modules/places/programme.test.ts', 'src/modules/catalogue/test-factory.ts')], list)).toEqual([]);
  });

  it('refuses a module importing a module listed after it, and finds loops', () => {
    expect(checkArchitecture([file('src/modules/places/programme.ts', 'src/modules/catalogue/service.ts')], list)).toEqual(['module places imports catalogue, which is not listed before it']);
    const problems = checkArchitecture([file('src/modules/places/programme.ts', 'src/modules/catalogue/service.ts'), file('src/modules/catalogue/service.ts', 'src/modules/places/service.ts')], list);
    expect(problems).toContain('import loop between modules: places → catalogue → places');
    expect(loops(new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]]))).toEqual([['a', 'b', 'c', 'a']]);
    expect(loops(new Map([['a', new Set(['b'])], ['b', new Set(['c'])]]))).toEqual([]);
  });
});
