// The one command: sociale-basis serve | migrate | seed | user create | user reset-link | bench.
// Modules are imported inside the actions, so `--help` and small commands start quickly.
import { Command, Option } from 'commander';
import { loadConfig } from './config.ts';
import { roles, type Role } from './platform/auth/roles.ts';
import type { ServiceContext } from './platform/context.ts';

const program = new Command();
program.name('sociale-basis').description('Sociale Basis: platform voor de sociale basis van een gemeente').version('0.1.0');

async function withDb<T>(fn: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const { openDatabase } = await import('./platform/db/client.ts');
  const { systemContext } = await import('./platform/context.ts');
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, tenant: config.TENANT });
  try {
    await database.migrate();
    return await fn(systemContext(database.db, config.TENANT));
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
    const config = loadConfig();
    const { prepareDatabase, startServer } = await import('./main.ts');
    const { DEMO_PASSWORD } = await import('./modules/demo/seed.ts');
    const database = await prepareDatabase(config, { seedIfEmpty: opts.seedIfEmpty, demo: opts.demo });
    const { port } = await startServer(config, database);
    console.log(`Sociale Basis draait op http://localhost:${port} (database: ${database.kind})`);
    const { readFrameworkSeed } = await import('./modules/framework/seed.ts');
    if (opts.seedIfEmpty && opts.demo && readFrameworkSeed().municipality.code === config.TENANT) console.log(`Demo-accounts: beheerder@demo.sociale-basis.nl, beleid@…, partner@… — wachtwoord ${DEMO_PASSWORD}`);
  });

program
  .command('migrate')
  .description('Voer de databasemigraties uit')
  .action(async () => {
    await withDb(async () => undefined);
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
    const { seedAll } = await import('./modules/demo/seed.ts');
    const lines = await withDb((ctx) => seedAll(ctx, { demo: !!opts.demo || scale > 1, scale, municipalityDir: opts.municipality }));
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
    const { listOrganisations } = await import('./modules/network/service.ts');
    const { AppError } = await import('./platform/http/errors.ts');
    const u = await withDb(async (ctx) => {
      const admin = cliAdmin(ctx);
      let organisationId: string | null = null;
      if (opts.organisation) {
        const org = (await listOrganisations(ctx)).find((o) => o.name.toLowerCase() === opts.organisation!.toLowerCase());
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
    const config = loadConfig();
    const { createResetLink } = await import('./platform/auth/service.ts');
    const r = await withDb((ctx) => createResetLink(cliAdmin(ctx), opts.email, config.PUBLIC_URL));
    console.log(r.url);
    console.log(`Geldig tot ${r.expiresAt.toISOString()}`);
  });

program
  .command('bench')
  .description('Meet de snelheid (zie README, Benchmarks); schrijft bench/results/latest.json')
  .option('--duration <seconds>', 'duur per meting in seconden', '10')
  .option('--connections <n>', 'gelijktijdige verbindingen', '32')
  .option('--scale <n>', 'schaal van de demodata (34: ruim 10.000 activiteiten)', '34')
  .action(async (opts: { duration: string; connections: string; scale: string }) => {
    const { runBench } = await import('../bench/run.ts');
    await runBench({ duration: Number(opts.duration), connections: Number(opts.connections), scale: Number(opts.scale) });
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
