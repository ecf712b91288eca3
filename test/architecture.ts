// The import rules of docs/ARCHITECTURE.md, checked on the source of src/ (src/architecture.test.ts runs them):
// 1. no file under src/platform imports src/modules;
// 2. a module imports another module only through its public entry, `service.ts` (a `schema.ts` may import another
//    module's `schema.ts` for foreign keys); the composition point src/modules/index.ts imports `module.ts(x)` and
//    `service.ts`;
// 3. a module imports only modules listed before it in src/modules/index.ts, so the module graph has no loop.
// Test files (`*.test.ts(x)` and `test-*.ts` helpers) are exempt from rules 2 and 3, not from rule 1.
import ts from 'typescript';
import fs from 'node:fs';
import path from 'node:path';

export interface SourceFile {
  /** Path relative to the repository, with forward slashes, e.g. `src/modules/places/bookings.ts`. */
  file: string;
  /** Resolved paths (same form) of every file it imports, re-exports from, or loads with import(). */
  imports: string[];
}

/** Every relative import of a source text: import/export declarations, import() calls and import types. */
export function importsOf(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) found.push(node.arguments[0].text);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) found.push(node.argument.literal.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  const dir = path.posix.dirname(file);
  return found.filter((s) => s.startsWith('.')).map((s) => path.posix.normalize(path.posix.join(dir, s)));
}

/** All .ts/.tsx files under src with their imports. */
export function readSources(root: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push({ file: rel, imports: importsOf(rel, fs.readFileSync(path.join(root, rel), 'utf8')) });
    }
  };
  walk('src');
  return out;
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file) || /\/test-[^/]+\.tsx?$/.test(file);
/** `src/modules/<name>/…` → name; other files → null. */
const moduleOf = (file: string) => /^src\/modules\/([^/]+)\//.exec(file)?.[1] ?? null;
const inModule = (file: string) => file.slice(file.indexOf('/', 'src/modules/'.length) + 1);

/** The violations of the rules above; `order` is the module list of src/modules/index.ts. */
export function checkArchitecture(files: SourceFile[], order: readonly string[]): string[] {
  const problems: string[] = [];
  const edges = new Map<string, Set<string>>();
  for (const { file, imports } of files) {
    for (const target of imports) {
      if (file.startsWith('src/platform/') && target.startsWith('src/modules/')) problems.push(`${file} imports ${target}: the platform imports no module`);
      const from = moduleOf(file);
      const to = moduleOf(target);
      if (file === 'src/modules/index.ts' && to && !/^(module\.tsx?|service\.ts)$/.test(inModule(target))) problems.push(`${file} imports ${target}: the composition point uses module.ts and service.ts only`);
      if (!from || !to || from === to || isTest(file)) continue;
      const entry = inModule(target);
      const schemaToSchema = inModule(file) === 'schema.ts' && entry === 'schema.ts';
      if (entry !== 'service.ts' && !schemaToSchema) problems.push(`${file} imports ${target}: another module is used only through its service.ts`);
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
    }
  }
  for (const [from, tos] of edges) {
    for (const to of tos) {
      const a = order.indexOf(from);
      const b = order.indexOf(to);
      if (a < 0) problems.push(`module ${from} is not in the module list`);
      else if (b < 0) problems.push(`module ${to} (imported by ${from}) is not in the module list`);
      else if (b >= a) problems.push(`module ${from} imports ${to}, which is not listed before it`);
    }
  }
  for (const loop of loops(edges)) problems.push(`import loop between modules: ${loop.join(' → ')}`);
  return problems;
}

/** The loops of a directed graph (each found once, from its first node in depth-first order). */
export function loops(edges: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of edges.get(n) ?? []) {
      if (state.get(m) === 'open') found.push([...stack.slice(stack.indexOf(m)), m]);
      else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of edges.keys()) if (!state.has(n)) visit(n);
  return found;
}
