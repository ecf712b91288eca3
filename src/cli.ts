// The one command: sociale-basis serve | migrate | seed | user create | user reset-link | tenant … | bench.
// Modules are imported inside the actions, so `--help` and small commands start quickly.
import { Command, Option } from 'commander';
import { loadConfig, type Config } from './config.ts';
import { configureLog } from './platform/log.ts';
import { roles, type Role } from './platform/auth/roles.ts';
import type { ServiceContext } from './platform/context.ts';

const program = new Command();
program.name('sociale-basis').description('Sociale Basis: platform voor de sociale basis van een gemeente').version('0.1.0');

function config(): Config {
  const c = loadConfig();
  configureLog(c);
  return c;
}

/**
 * Runs a command on the database. On the embedded database the folder is locked: while a server runs on it, the
 * command is refused with a message saying to stop the server first (or to use PostgreSQL).
 * The connection serves `tenant` (default TENANT): row-level security shows and accepts only that municipality's rows.
 */
async function withDb<T>(command: string, fn: (ctx: ServiceContext) => Promise<T>, tenantCode?: string): Promise<T> {
  const cfg = config();
  const tenant = tenantCode ?? cfg.TENANT;
  const { openDatabase } = await import('./platform/db/client.ts');
  const { systemContext } = await import('./platform/context.ts');
  await import('./modules/index.ts'); // the modules: their messages, seed steps and organisations
  const database = await openDatabase({ databaseUrl: cfg.DATABASE_URL, dataDir: cfg.DATA_DIR, lockOwner: command, tenant });
  try {
    await database.migrate();
    return await fn(systemContext(database.db, tenant));
  } finally {
    await database.close();
  }
}

const cliAdmin = (ctx: ServiceContext): ServiceContext => ({ ...ctx, actor: { userId: '', name: 'CLI', email: 'cli', roles: ['administrator'], organisationId: null } });

program
  .command('serve')
  .description('Start de webserver (migreert de database eerst)')
  .option('--seed-if-empty', 'laad referentie- en demodata als de database leeg is')
  .option('--no-demo', 'met --seed-if-empty: geen demo-accounts')
  .action(async (opts: { seedIfEmpty?: boolean; demo: boolean }) => {
    const cfg = config();
    const { runServer } = await import('./main.ts');
    await runServer(cfg, { seedIfEmpty: opts.seedIfEmpty, demo: opts.demo });
  });

program
  .command('migrate')
  .description('Voer de databasemigraties uit')
  .action(async () => {
    await withDb('migrate', async () => undefined);
    console.log('Migraties uitgevoerd.');
  });

program
  .command('seed')
  .description('Laad het kader (thema’s, doelen, wijken, organisaties) en optioneel demodata; veilig om te herhalen')
  .option('--demo', 'voeg demo-accounts toe als er nog geen gebruikers zijn')
  .option('--scale <n>', 'vermenigvuldig de demodata (met --demo), bijvoorbeeld 34 voor ruim 10.000 activiteiten', '1')
  .option('--municipality <dir>', 'map onder seed/ met de gegevens van de gemeente', 'haarlem')
  .action(async (opts: { demo?: boolean; scale: string; municipality: string }) => {
    const scale = Number(opts.scale);
    if (!Number.isInteger(scale) || scale < 1 || scale > 1000) throw new Error('--scale moet een geheel getal van 1 tot en met 1000 zijn');
    const { seedAll } = await import('./modules/index.ts');
    const { log } = await import('./platform/log.ts');
    const lines = await withDb('seed', (ctx) => seedAll(ctx, { demo: !!opts.demo || scale > 1, scale, municipalityDir: opts.municipality, onProgress: (step) => log.info(step) }));
    for (const l of lines) console.log(l);
  });

const user = program.command('user').description('Gebruikers beheren');
user
  .command('create')
  .description('Maak een gebruiker aan')
  .requiredOption('--email <email>', 'e-mailadres')
  .requiredOption('--name <name>', 'naam')
  .addOption(new Option('--role <role...>', 'een of meer rollen').choices(roles as unknown as string[]).default([]))
  .option('--password <password>', 'wachtwoord (laat weg en geef daarna een herstellink)')
  .option('--organisation <name>', 'naam van de organisatie')
  .action(async (opts: { email: string; name: string; role: string[]; password?: string; organisation?: string }) => {
    const { createUser } = await import('./platform/auth/service.ts');
    const { organisationDirectory } = await import('./platform/module.ts');
    const { AppError } = await import('./platform/http/errors.ts');
    const u = await withDb('user create', async (ctx) => {
      const admin = cliAdmin(ctx);
      let organisationId: string | null = null;
      if (opts.organisation) {
        const org = ((await organisationDirectory()?.list(ctx)) ?? []).find((o) => o.name.toLowerCase() === opts.organisation!.toLowerCase());
        if (!org) throw new AppError('validation', 'error.unknownOrganisation', [{ field: 'organisation', message: 'error.unknownOrganisation' }]);
        organisationId = org.id;
      }
      return createUser(admin, { email: opts.email, name: opts.name, roles: opts.role as Role[], password: opts.password, organisationId });
    });
    console.log(`Gebruiker aangemaakt: ${u.email} (${u.roles.join(', ') || 'geen rollen'})`);
  });
user
  .command('reset-link')
  .description('Maak een eenmalige link om een wachtwoord in te stellen (24 uur geldig). Geef hem zelf veilig door.')
  .requiredOption('--email <email>', 'e-mailadres van de gebruiker')
  .action(async (opts: { email: string }) => {
    const cfg = config();
    const { createResetLink } = await import('./platform/auth/service.ts');
    const r = await withDb('user reset-link', (ctx) => createResetLink(cliAdmin(ctx), opts.email, cfg.PUBLIC_URL));
    console.log(r.url);
    console.log(`Geldig tot ${r.expiresAt.toISOString()}`);
  });

const tenant = program.command('tenant').description('Een gemeente inrichten: aanmaken, kader laden, wijken en buurten laden (README, "Your own municipality")');
/** Runs fn for the municipality given with --code (not TENANT), as the CLI's administrator, on a connection serving it. */
async function withTenant<T>(code: string, fn: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  const { municipalityCodePattern } = await import('./modules/framework/tenant-load.ts');
  if (!municipalityCodePattern.test(code)) throw new Error(`--code: "${code}" is geen CBS-gemeentecode; gebruik GM gevolgd door vier cijfers, bijvoorbeeld GM0363`);
  return withDb('tenant', (ctx) => fn(cliAdmin(ctx)), code);
}
tenant
  .command('create')
  .description('Maak een gemeente aan met haar CBS-gemeentecode')
  .requiredOption('--code <code>', 'CBS-gemeentecode: GM en vier cijfers, bijvoorbeeld GM0363')
  .requiredOption('--name <name>', 'naam van de gemeente')
  .action(async (opts: { code: string; name: string }) => {
    const { createMunicipality, municipalityCodePattern } = await import('./modules/framework/tenant-load.ts');
    // The connection serves the new municipality (its audit row is its own); an invalid code is refused by
    // createMunicipality before anything is written, on a connection serving TENANT.
    const code = opts.code.trim();
    const m = await withDb('tenant create', (ctx) => createMunicipality(cliAdmin(ctx), opts), municipalityCodePattern.test(code) ? code : undefined);
    console.log(`Gemeente aangemaakt: ${m.code} ${m.name}`);
    console.log(`Volgende stap: sociale-basis tenant load-framework --code ${m.code} --file <kader.json>`);
  });
tenant
  .command('load-framework')
  .description('Laad het kader van een gemeente uit een JSON-bestand zoals seed/haarlem/framework.json (alles of niets; veilig om te herhalen)')
  .requiredOption('--code <code>', 'CBS-gemeentecode van een aangemaakte gemeente')
  .requiredOption('--file <path>', 'het kaderbestand (JSON)')
  .action(async (opts: { code: string; file: string }) => {
    const path = await import('node:path');
    const { loadMunicipalityFile } = await import('./modules/index.ts');
    const r = await withTenant(opts.code, (ctx) => loadMunicipalityFile(ctx, path.resolve(opts.file)));
    const a = r.added;
    const parts = [`${a.callPeriods} uitvraagperiode(n)`, `${a.themes} thema('s)`, `${a.districts} stadsdeel/stadsdelen`, `${a.wijken} wijk(en)`, `${a.buurten} buurt(en)`, `${a.organisations} organisatie(s)`];
    const any = Object.values(a).some((n) => n > 0);
    console.log(`Kader van ${r.municipality.code} ${r.municipality.name} geladen uit ${path.basename(opts.file)}.`);
    console.log(any ? `Toegevoegd: ${parts.join(', ')}.` : 'Toegevoegd: niets; alles stond er al (bestaande gegevens blijven zoals ze zijn).');
  });
tenant
  .command('load-areas')
  .description('Laad wijken of buurten uit een CBS-gebiedenbestand (CSV, met GeoJSON voor de grenzen); veilig om te herhalen')
  .requiredOption('--code <code>', 'CBS-gemeentecode van een aangemaakte gemeente')
  .requiredOption('--file <path>', 'CSV van de CBS Wijk- en buurtkaart (wijken: wijkcode, wijknaam, gemeentecode, …; buurten: buurtcode, buurtnaam, wijkcode, gemeentecode, …)')
  .option('--geojson <path>', 'GeoJSON (WGS84) van dezelfde gebieden: hun grenzen worden opgeslagen')
  .action(async (opts: { code: string; file: string; geojson?: string }) => {
    const path = await import('node:path');
    const { loadAreas } = await import('./modules/framework/area-load.ts');
    const { default: progress } = await import('cli-progress');
    const bar = process.stderr.isTTY ? new progress.SingleBar({ format: 'Gebieden laden [{bar}] {value}/{total}', stream: process.stderr, clearOnComplete: true }, progress.Presets.shades_classic) : null;
    let started = false;
    const onProgress = (done: number, total: number) => {
      if (!bar) return;
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    };
    try {
      const r = await withTenant(opts.code, (ctx) => loadAreas(ctx, { csvFile: path.resolve(opts.file), geojsonFile: opts.geojson && path.resolve(opts.geojson) }, onProgress));
      bar?.stop();
      const what = r.kind === 'wijk' ? 'wijken' : 'buurten';
      console.log(`${what[0].toUpperCase()}${what.slice(1)} van ${opts.code} geladen uit ${path.basename(opts.file)}: ${r.added} toegevoegd, ${r.updated} bijgewerkt, ${r.unchanged} ongewijzigd${r.skippedWater ? `, ${r.skippedWater} waterregels overgeslagen` : ''}.`);
      if (opts.geojson) console.log(`Grenzen opgeslagen voor ${r.boundaries} ${what}.`);
    } finally {
      bar?.stop();
    }
  });

// ------------------------------------------------------------------ API tokens (token create)

const token = program.command('token').description('API-tokens voor het eigen systeem van een organisatie (README, "API tokens")');
/** The CLI acts as the administrator, for the token holder found by e-mail address. */
const holderByEmail = async (ctx: ServiceContext, email: string) => (await import('./platform/auth/api-tokens.ts')).userIdByEmail(cliAdmin(ctx), email);
token
  .command('create')
  .description('Maak een API-token voor een gebruiker (medewerker van een organisatie of beheerder); de token wordt één keer getoond')
  .requiredOption('--email <email>', 'e-mailadres van de gebruiker als wie de token handelt')
  .requiredOption('--name <name>', 'naam van de token, bijvoorbeeld het systeem dat hem gebruikt')
  .option('--scopes <scopes>', 'read (alleen lezen) of read,write (ook wijzigen)', 'read')
  .option('--expires <date>', 'laatste geldige dag, JJJJ-MM-DD (standaard over een jaar, hoogstens over twee jaar)')
  .action(async (opts: { email: string; name: string; scopes: string; expires?: string }) => {
    const cfg = config();
    const { createApiToken } = await import('./platform/auth/api-tokens.ts');
    const { token: made, apiToken } = await withDb('token create', async (ctx) => {
      const userId = await holderByEmail(ctx, opts.email);
      const scopes = opts.scopes.split(',').map((s) => s.trim()).filter(Boolean);
      return createApiToken(cliAdmin(ctx), { name: opts.name, scopes, expiresOn: opts.expires, userId });
    });
    console.log(made);
    const until = apiToken.expiresAt ? ` tot en met ${(await import('./platform/auth/api-tokens.ts')).lastDayOf(apiToken.expiresAt)}` : '';
    console.error(`Token "${apiToken.name}" voor ${apiToken.userEmail} (${apiToken.scopes.join(', ')}), geldig${until}. Hij wordt maar één keer getoond: bewaar hem nu.`);
    console.error(`Gebruik: curl -H "Authorization: Bearer ${made}" ${cfg.PUBLIC_URL.replace(/\/$/, '')}/api/v1/activities`);
  });
token
  .command('list')
  .description('Toon de API-tokens van een gebruiker (zonder de tokens zelf)')
  .requiredOption('--email <email>', 'e-mailadres van de gebruiker')
  .action(async (opts: { email: string }) => {
    const { listApiTokens, lastDayOf } = await import('./platform/auth/api-tokens.ts');
    const tokens = await withDb('token list', async (ctx) => {
      const userId = await holderByEmail(ctx, opts.email);
      return (await listApiTokens(cliAdmin(ctx), { all: true })).filter((t) => t.userId === userId);
    });
    if (tokens.length === 0) console.log('Geen tokens.');
    for (const t of tokens) {
      const status = t.status === 'revoked' ? `ingetrokken ${t.revokedAt!.toISOString()}` : t.status === 'expired' ? 'verlopen' : 'actief';
      console.log(`${t.id}  ${t.prefix}…  ${t.name}  [${t.scopes.join(',')}]  geldig t/m ${t.expiresAt ? lastDayOf(t.expiresAt) : '-'}  laatst gebruikt ${t.lastUsedAt?.toISOString() ?? 'nooit'}  ${status}`);
    }
  });
token
  .command('revoke')
  .description('Trek een API-token in: hij werkt meteen niet meer')
  .requiredOption('--id <id>', 'id van de token (zie token list)')
  .action(async (opts: { id: string }) => {
    const { revokeApiToken } = await import('./platform/auth/api-tokens.ts');
    const t = await withDb('token revoke', (ctx) => revokeApiToken(cliAdmin(ctx), opts.id));
    console.log(`Token "${t.name}" (${t.prefix}…) van ${t.userEmail} is ingetrokken.`);
  });

// ------------------------------------------------------------------ reach (import attendance, reach rekey)

const importCommand = program.command('import').description('Gegevens inlezen');
importCommand
  .command('attendance')
  .description('Lees bezoek in uit een CSV- of Excel-bestand (sjabloon: README, "Bezoekers inlezen"); alles of niets, opnieuw inlezen telt niemand dubbel')
  .argument('<file>', 'het bestand (CSV of .xlsx, ten hoogste 25 MB)')
  .requiredOption('--org <organisation>', 'id of exacte naam van de organisatie')
  .option('--accept-valid', 'sla de geldige regels op, ook als er regels worden afgekeurd')
  .option('--mapping <name>', 'naam van een opgeslagen kolomkoppeling van de organisatie')
  .action(async (file: string, opts: { org: string; acceptValid?: boolean; mapping?: string }) => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { importAttendanceFile } = await import('./modules/reach/import-engine.ts');
    const { findMappingByName } = await import('./modules/reach/import-records.ts');
    const { listOrganisations } = await import('./modules/network/service.ts');
    const { default: progress } = await import('cli-progress');
    const full = path.resolve(file);
    if (!fs.existsSync(full)) throw new Error(`Bestand niet gevonden: ${full}`);
    const content = fs.readFileSync(full);
    const phases = { read: 'lezen', check: 'controleren', write: 'opslaan' } as const;
    const bar = process.stderr.isTTY ? new progress.SingleBar({ format: 'Bezoek {phase} [{bar}] {value}/{total}', stream: process.stderr, clearOnComplete: true }, progress.Presets.shades_classic) : null;
    let shown = '';
    const onProgress = (done: number, total: number, phase: keyof typeof phases) => {
      if (bar) {
        if (shown !== phase) bar.start(total, done, { phase: phases[phase] });
        else bar.update(done);
      } else if (total > 0 && (shown !== phase || done === total || Math.floor((done * 10) / total) !== Math.floor(((done - 1) * 10) / total))) {
        // Without a terminal: a line per tenth, so a log shows how far it got.
        console.error(`Bezoek ${phases[phase]}: ${done}/${total}`);
      }
      shown = phase;
    };
    try {
      const r = await withDb('import attendance', async (ctx) => {
        const admin = cliAdmin(ctx);
        const orgs = await listOrganisations(admin);
        const org = orgs.find((o) => o.id === opts.org.trim().toLowerCase()) ?? orgs.find((o) => o.name.toLowerCase() === opts.org.trim().toLowerCase());
        if (!org) throw new Error(`--org: geen organisatie met id of naam "${opts.org}". Gebruik het id of de exacte naam (zie /organisaties).`);
        const mapping = opts.mapping ? await findMappingByName(admin, org.id, opts.mapping) : null;
        if (opts.mapping && !mapping) throw new Error(`--mapping: ${org.name} heeft geen kolomkoppeling "${opts.mapping}" (maak er een op /verantwoording/import/koppelingen).`);
        return importAttendanceFile(admin, { organisationId: org.id, fileName: path.basename(full), content, mapping: mapping?.mapping ?? null, acceptValid: !!opts.acceptValid }, onProgress);
      });
      bar?.stop();
      console.log(`${path.basename(full)}: ${r.totalRows} regels, ${r.validRows} goedgekeurd, ${r.errors.length} fout(en).`);
      if (r.status === 'imported') {
        console.log(`Ingelezen: ${r.newVisits} nieuwe bezoeken, ${r.newSessions} nieuwe bijeenkomsten${r.duplicateRows ? `, ${r.duplicateRows} dubbele regels één keer geteld` : ''}.`);
      } else {
        for (const e of r.errors.slice(0, 10)) console.error(`  regel ${e.row}, kolom ${e.column}${e.value ? ` (${e.value})` : ''}: ${e.reason}`);
        if (r.errors.length > 10) console.error(`  … en nog ${r.errors.length - 10} fout(en).`);
        console.error('Afgekeurd: er is niets opgeslagen. Verbeter het bestand en lees het opnieuw in, of gebruik --accept-valid om alleen de goedgekeurde regels op te slaan.');
        process.exitCode = 1;
      }
    } finally {
      bar?.stop();
    }
  });

importCommand
  .command('indicators')
  .description('Lees waarden van indicatoren in uit een CSV- of Excel-bestand, lang (indicator, gebied, periode, waarde) of breed (één kolom per indicator, zoals het CBS publiceert); alles of niets, opnieuw inlezen vervangt dezelfde waarden')
  .argument('<file>', 'het bestand (CSV of .xlsx, ten hoogste 25 MB)')
  .option('--layout <layout>', 'auto, long of wide', 'auto')
  .option('--period <period>', 'periode van alle waarden van een breed bestand zonder kolom periode of jaar (2024, 2024-Q1, 2024-03)')
  .option('--benchmark', 'het bestand bevat alleen vergelijkingscijfers van andere gemeenten')
  .action(async (file: string, opts: { layout: string; period?: string; benchmark?: boolean }) => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { importValuesFile } = await import('./modules/indicators/import-records.ts');
    const { translate } = await import('./platform/http/errors.ts');
    const { default: progress } = await import('cli-progress');
    if (!['auto', 'long', 'wide'].includes(opts.layout)) throw new Error(`--layout: "${opts.layout}" is geen indeling; kies auto, long of wide`);
    const full = path.resolve(file);
    if (!fs.existsSync(full)) throw new Error(`Bestand niet gevonden: ${full}`);
    const bar = process.stderr.isTTY ? new progress.SingleBar({ format: 'Indicatoren {phase} [{bar}] {value}/{total}', stream: process.stderr, clearOnComplete: true }, progress.Presets.shades_classic) : null;
    let shown = '';
    const onProgress = (done: number, total: number, phase: string) => {
      if (bar) {
        if (shown !== phase) bar.start(total, done, { phase });
        else bar.update(done);
      } else if (total > 0 && (shown !== phase || done === total)) console.error(`Indicatoren ${phase}: ${done}/${total}`);
      shown = phase;
    };
    try {
      const r = await withDb('import indicators', (ctx) => importValuesFile(cliAdmin(ctx), { fileName: path.basename(full), content: fs.readFileSync(full), layout: opts.layout as 'auto' | 'long' | 'wide', period: opts.period ?? null, benchmarkFile: !!opts.benchmark }, onProgress));
      bar?.stop();
      if (r.status === 'imported') {
        console.log(`${path.basename(full)} (${r.layout === 'wide' ? 'breed' : 'lang'}): ${r.added} nieuwe waarden, ${r.replaced} vervangen, ${r.unchanged} ongewijzigd; waarvan ${r.benchmarks} vergelijkingscijfers.`);
      } else {
        if (r.fileError) console.error(translate('nl', r.fileError.message, r.fileError.params));
        for (const e of r.errors.slice(0, 20)) console.error(`  regel ${e.row}, kolom ${e.column}${e.value ? ` (${e.value})` : ''}: ${translate('nl', e.reason)}`);
        if (r.errors.length > 20) console.error(`  … en nog ${r.errors.length - 20} fout(en).`);
        console.error('Afgekeurd: er is niets opgeslagen. Verbeter het bestand en lees het opnieuw in.');
        process.exitCode = 1;
      }
    } finally {
      bar?.stop();
    }
  });
importCommand
  .command('areas')
  .description('Lees de grenzen van wijken of buurten in uit een GeoJSON-bestand (WGS84; eigenschap wijkcode of buurtcode); de gebieden moeten bestaan (sociale-basis tenant load-areas); veilig om te herhalen')
  .argument('<file>', 'het GeoJSON-bestand')
  .action(async (file: string) => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { loadAreaBoundaries } = await import('./modules/framework/service.ts');
    const full = path.resolve(file);
    if (!fs.existsSync(full)) throw new Error(`Bestand niet gevonden: ${full}`);
    const r = await withDb('import areas', (ctx) => loadAreaBoundaries(cliAdmin(ctx), { fileName: path.basename(full), text: fs.readFileSync(full, 'utf8') }));
    console.log(`Grenzen opgeslagen voor ${r.boundaries} ${r.kind === 'wijk' ? 'wijken' : 'buurten'} (${r.unchanged} ongewijzigd).`);
  });
const report = program.command('report').description('Rapportages maken');
report
  .command('accountability')
  .description('Het verantwoordingsdocument van een thematafel (of met --table alle: de bundel voor de raad) als PDF, Excel of HTML; zelfde werk als de downloadknop')
  .requiredOption('--table <slug>', 'de thematafel: de slug van het thema (bijvoorbeeld ontmoeten), of "alle" voor de bundel voor de raad')
  .requiredOption('--year <year>', 'het jaar')
  .addOption(new Option('--format <format>', 'bestandsformaat').choices(['pdf', 'xlsx', 'html']).default('pdf'))
  .option('--out <file>', 'schrijf naar dit bestand (zonder: naar standaarduitvoer)')
  .option('--lang <lang>', 'taal: nl of en', 'nl')
  .action(async (opts: { table: string; year: string; format: 'pdf' | 'xlsx' | 'html'; out?: string; lang: string }) => {
    const year = Number(opts.year);
    if (!/^\d{4}$/.test(opts.year)) throw new Error('--year moet een jaartal zijn, zoals 2026');
    if (opts.lang !== 'nl' && opts.lang !== 'en') throw new Error('--lang moet nl of en zijn');
    const lang = opts.lang;
    const { renderAccountability } = await import('./modules/accountability/exports.ts');
    const { AppError } = await import('./platform/http/errors.ts');
    const { closeChromium } = await import('./platform/chromium.ts');
    const { default: progress } = await import('cli-progress');
    const bar = new progress.SingleBar({ format: 'Verantwoording {step} [{bar}] {value}/{total}', stream: process.stderr, clearOnComplete: true, noTTYOutput: true, notTTYSchedule: 1000 }, progress.Presets.shades_classic);
    let started = false;
    try {
      const file = await withDb('report accountability', async (ctx) => {
        try {
          return await renderAccountability({ ...ctx, lang }, { slug: opts.table === 'alle' ? null : opts.table, year, format: opts.format }, (done, total, step) => {
            if (!started) bar.start(total, done, { step });
            else bar.update(done, { step });
            started = true;
          });
        } catch (err) {
          if (err instanceof AppError && err.code === 'not_found') throw new Error(`Geen verantwoordingsdocument voor thematafel "${opts.table}" in ${year}: onbekend thema, of het jaar valt in geen uitvraag.`);
          throw err;
        } finally {
          await closeChromium();
        }
      });
      bar.stop();
      if (opts.out) {
        const fs = await import('node:fs');
        fs.writeFileSync(opts.out, file.content);
        console.error(`${file.fileName} geschreven naar ${opts.out} (${file.content.length.toLocaleString('nl-NL')} bytes).`);
      } else {
        await new Promise<void>((resolve, reject) => process.stdout.write(file.content, (e) => (e ? reject(e) : resolve())));
      }
    } finally {
      bar.stop();
    }
  });

const reach = program.command('reach').description('Bereik: unieke inwoners zonder identiteiten');
reach
  .command('rekey')
  .description('Versleutel alle pseudoniemen opnieuw met een nieuwe sleutel (achteraan in het sleutelbestand); stop eerst de server')
  .option('--tenant <code>', 'CBS-gemeentecode (standaard TENANT)')
  .action(async (opts: { tenant?: string }) => {
    const { rekeyPseudonyms } = await import('./modules/reach/rekey.ts');
    const code = opts.tenant?.trim();
    if (code && !/^GM\d{4}$/.test(code)) throw new Error(`--tenant: "${code}" is geen CBS-gemeentecode; gebruik GM gevolgd door vier cijfers, bijvoorbeeld GM0392`);
    const r = await withDb('reach rekey', (ctx) => rekeyPseudonyms(ctx), code);
    console.log(`Opnieuw versleuteld: ${r.attendance} bezoeken en ${r.volunteers} vrijwilligersregels. Het sleutelbestand ${r.file} heeft nu ${r.keys} sleutels: bewaar het veilig, met een reservekopie.`);
  });



program
  .command('bench')
  .description('Meet de snelheid (zie README, Benchmarks); schrijft bench/results/latest.json')
  .option('--duration <seconds>', 'duur per meting in seconden', '10')
  .option('--connections <n>', 'gelijktijdige verbindingen', '32')
  .option('--scale <n>', 'schaal van de demodata (34: ruim 10.000 activiteiten en ongeveer 1.000.000 bezoeken)', '34')
  .addOption(new Option('--only <part>', 'meet alleen dit deel: reach = import van aanwezigheid en bereikrapport; surveys = enquêtes invullen en resultaten; accountability = verantwoordingsdocument (HTML, PDF) en stadsdeeldashboard; subsidies = aanvraagpagina en portefeuille').choices(['reach', 'surveys', 'accountability', 'subsidies']))
  .option('--survey-responses <n>', 'aantal reacties voor de meting van de resultatenpagina', '100000')
  .action(async (opts: { duration: string; connections: string; scale: string; only?: 'reach' | 'surveys' | 'accountability' | 'subsidies'; surveyResponses: string }) => {
    const { runBench } = await import('../bench/run.ts');
    await runBench({ duration: Number(opts.duration), connections: Number(opts.connections), scale: Number(opts.scale), only: opts.only, surveyResponses: Number(opts.surveyResponses) });
  });

program.parseAsync().catch(async (err: unknown) => {
  const { toAppError } = await import('./platform/http/problem.ts');
  const { t } = await import('./platform/i18n/index.ts');
  const e = toAppError(err, 'nl');
  if (e) {
    console.error(`Fout: ${t('nl', e.messageKey, e.params)}`);
    for (const f of e.fields) console.error(`  ${f.field}: ${f.message}`);
  } else console.error(`Fout: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
