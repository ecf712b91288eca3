// The municipality's pseudonym keys, held outside the database: the PSEUDONYM_KEY setting (for the configured
// municipality) or the key file `<PSEUDONYM_KEY_DIR>/<municipality code>.key`, one key per line, oldest first.
// Without either, a random key file is created on first use (mode 0600), so a fresh install needs no setup.
// After a re-keying (`sociale-basis reach rekey`) there are several keys: a pseudonym is the HMAC chain over all
// of them (see identity.ts), so neither the old nor the new key alone links a resident to a pseudonym.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { loadConfig } from '../../config.ts';
import { log } from '../../platform/log.ts';

export const KEY_BYTES = 32;
const cache = new Map<string, Buffer[]>();

/** Parses one key (base64 or hex, at least 32 bytes). */
export function parseKey(text: string): Buffer {
  const t = text.trim();
  const buf = /^[0-9a-fA-F]+$/.test(t) && t.length % 2 === 0 ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (buf.length < KEY_BYTES) throw new Error(`Een pseudoniemsleutel moet minstens ${KEY_BYTES} bytes zijn (base64 of hex).`);
  return buf;
}

export const keyFilePath = (tenant: string, dir = loadConfig().PSEUDONYM_KEY_DIR) => path.resolve(dir, `${tenant}.key`);

/** The key chain of a municipality, oldest first. */
export function pseudonymKeys(tenant: string): Buffer[] {
  const hit = cache.get(tenant);
  if (hit) return hit;
  const cfg = loadConfig();
  let keys: Buffer[];
  if (cfg.PSEUDONYM_KEY && tenant === cfg.TENANT) {
    keys = cfg.PSEUDONYM_KEY.split(',').map(parseKey);
  } else {
    const file = keyFilePath(tenant, cfg.PSEUDONYM_KEY_DIR);
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      try {
        fs.writeFileSync(file, crypto.randomBytes(KEY_BYTES).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
        log.warn('reach.key_created', { file, note: 'Nieuwe pseudoniemsleutel aangemaakt: maak er een veilige kopie van (zie docs/privacy.md).' });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    }
    keys = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '').map(parseKey);
    if (keys.length === 0) throw new Error(`Het sleutelbestand ${file} is leeg.`);
  }
  cache.set(tenant, keys);
  return keys;
}

/** Forgets the cached keys (after a re-keying, and in tests). */
export function clearKeyCache(): void {
  cache.clear();
}
