// One logger for the whole process, on stderr. Never logs personal data, and never query parameters.
// Format: readable lines on a terminal, JSON lines when not a terminal or with LOG_FORMAT=json (LOG_FORMAT=text forces
// readable lines). Level and format come from the validated configuration (src/config.ts).
import { loadConfig, type Config } from '../config.ts';

type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';
type Format = 'text' | 'json';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
const label: Record<Level, string> = { debug: 'debug', info: '', warn: 'LET OP', error: 'FOUT', silent: '' };

let settings: { level: Level; format: Format } | null = null;

/** Applies the configuration; until called, the first log line reads it from the environment through loadConfig. */
export function configureLog(config: Pick<Config, 'LOG_LEVEL' | 'LOG_FORMAT'>, isTty = !!process.stderr.isTTY): void {
  settings = { level: config.LOG_LEVEL, format: config.LOG_FORMAT === 'auto' ? (isTty ? 'text' : 'json') : config.LOG_FORMAT };
}

function current() {
  if (!settings) {
    try {
      configureLog(loadConfig());
    } catch {
      configureLog({ LOG_LEVEL: 'info', LOG_FORMAT: 'auto' }); // bad config is reported by whoever loads it
    }
  }
  return settings!;
}

const pad = (n: number) => String(n).padStart(2, '0');

function textValue(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return typeof v === 'string' && /^[^\s"=]+$/.test(v) ? v : s.includes('\n') ? `\n${s}` : JSON.stringify(s);
}

/** One log line in the configured format (exported for tests). */
export function formatLine(format: Format, level: Level, msg: string, fields: Record<string, unknown> = {}, at = new Date()): string {
  if (format === 'json') return JSON.stringify({ t: at.toISOString(), level, msg, ...fields });
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
  const rest = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${textValue(v)}`)
    .join(' ');
  return [time, label[level], msg, rest].filter(Boolean).join(' ');
}

function write(level: Level, msg: string, fields?: Record<string, unknown>) {
  const s = current();
  if (order[level] < order[s.level]) return;
  process.stderr.write(formatLine(s.format, level, msg, fields) + '\n');
}

export const log = {
  debug: (msg: string, f?: Record<string, unknown>) => write('debug', msg, f),
  info: (msg: string, f?: Record<string, unknown>) => write('info', msg, f),
  warn: (msg: string, f?: Record<string, unknown>) => write('warn', msg, f),
  error: (msg: string, f?: Record<string, unknown>) => write('error', msg, f),
};

const stackFrames = (stack: string | undefined) => (stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).join('\n');

/** Values PostgreSQL quotes back in some messages ("invalid input syntax for type uuid: \"…\""). */
const withoutValues = (message: string) => message.replace(/(: )"[^]*"$/, '$1"…"').replace(/\((?:[^()]|\([^()]*\))*\)=\((?:[^()]|\([^()]*\))*\)/g, '(…)=(…)');

/**
 * An error for the log: name, message and stack frames, but never the parameters of a failed query (they may hold
 * password hashes, e-mail addresses and names) nor values the database quotes back.
 */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err).slice(0, 500);
  const e = err as Error & { query?: unknown; params?: unknown; code?: unknown };
  const isQueryError = typeof e.query === 'string' && 'params' in e;
  const message = isQueryError ? `Failed query: ${e.query as string}` : withoutValues(e.message);
  let out = `${e.name}: ${message}\n${stackFrames(e.stack)}`;
  if (e.cause instanceof Error) {
    const c = e.cause as Error & { code?: unknown };
    out += `\ncause: ${c.name}${typeof c.code === 'string' ? ` [${c.code}]` : ''}: ${withoutValues(c.message)}`;
  }
  return out;
}
