// Re-keying (`sociale-basis reach rekey`): a new key is added to the municipality's key chain and every stored
// pseudonym p becomes HMAC(newKey, p), in ONE transaction. Because a pseudonym is the HMAC chain over all keys
// (identity.ts), the same identifier gives the same — new — pseudonym afterwards, and unique counts do not change.
// The key file is written atomically only after the commit: the new chain goes to a temporary file first and is
// renamed over the key file once the database has committed; if the commit fails the key file is unchanged.
import fs from 'node:fs';
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../config.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { queryRows } from '../../platform/db/client.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { requireSystem } from '../../platform/auth/require.ts';
import { rekeyPseudonym } from './identity.ts';
import { clearKeyCache, keyFilePath, pseudonymKeys, KEY_BYTES } from './keys.ts';
import { pgArray } from './import-write.ts';

const BATCH = 5000;

export class KeyFromSettingError extends Error {
  constructor(tenant: string, file: string) {
    super(
      `De pseudoniemsleutel van ${tenant} komt uit de instelling PSEUDONYM_KEY; dit commando kan die instelling niet aanpassen en heeft niets veranderd. ` +
        `Zet de sleutel(s) uit PSEUDONYM_KEY in het sleutelbestand ${file} (één per regel, oudste eerst, alleen leesbaar voor de server), ` +
        `haal PSEUDONYM_KEY weg en voer "sociale-basis reach rekey" opnieuw uit. Wilt u PSEUDONYM_KEY blijven gebruiken, ` +
        `zet dan na het opnieuw versleutelen de nieuwe sleutel achteraan in PSEUDONYM_KEY (gescheiden door een komma).`,
    );
    this.name = 'KeyFromSettingError';
  }
}

export interface RekeyResult {
  attendance: number;
  volunteers: number;
  keys: number;
  file: string;
}

/** Replaces the pseudonyms of one table (distinct values, in batches). */
async function rekeyTable(tx: ServiceContext, table: 'reach_attendance' | 'reach_session_volunteers', newKey: Buffer): Promise<number> {
  const rows = await queryRows<{ p: string }>(tx.db, sql`select distinct encode(pseudonym, 'hex') as p from ${sql.raw(table)} where tenant_id = ${tx.tenant}`);
  let changed = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const part = rows.slice(i, i + BATCH).map((r) => r.p);
    const next = part.map((p) => rekeyPseudonym(Buffer.from(p, 'hex'), newKey).toString('hex'));
    const done = await queryRows<{ n: number }>(
      tx.db,
      sql`with u as (update ${sql.raw(table)} t set pseudonym = decode(p.n, 'hex')
          from unnest(${pgArray(part)}::text[], ${pgArray(next)}::text[]) as p(o, n)
          where t.tenant_id = ${tx.tenant} and t.pseudonym = decode(p.o, 'hex') returning 1)
          select count(*)::int as n from u`,
    );
    changed += Number(done[0]?.n ?? 0);
  }
  return changed;
}

/** Adds a new key and re-keys every pseudonym of the context's municipality. The platform itself only (the CLI). */
export async function rekeyPseudonyms(ctx: ServiceContext): Promise<RekeyResult> {
  requireSystem(ctx);
  const cfg = loadConfig();
  const file = keyFilePath(ctx.tenant, cfg.PSEUDONYM_KEY_DIR);
  if (cfg.PSEUDONYM_KEY && ctx.tenant === cfg.TENANT) throw new KeyFromSettingError(ctx.tenant, file);
  clearKeyCache();
  const keys = pseudonymKeys(ctx.tenant); // creates the key file when there is none yet
  const before = fs.readFileSync(file, 'utf8');
  const newKey = crypto.randomBytes(KEY_BYTES);
  const temp = `${file}.nieuw-${process.pid}`;
  // The new chain is on disk (beside the key file) before the commit, so a crash after the commit loses no key.
  fs.writeFileSync(temp, `${before.replace(/\s*$/, '')}\n${newKey.toString('base64')}\n`, { mode: 0o600 });
  const fd = fs.openSync(temp, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  try {
    const counts = await inTransaction(ctx, async (tx) => {
      const attendance = await rekeyTable(tx, 'reach_attendance', newKey);
      const volunteers = await rekeyTable(tx, 'reach_session_volunteers', newKey);
      await recordAudit(tx, { action: 'reach.rekey', subjectType: 'municipality', subjectId: tx.tenant, actorLabel: tx.actor ? undefined : 'systeem (rekey)', details: { attendance, volunteers, keys: keys.length + 1 } });
      return { attendance, volunteers };
    });
    fs.renameSync(temp, file);
    return { ...counts, keys: keys.length + 1, file };
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  } finally {
    clearKeyCache();
  }
}
