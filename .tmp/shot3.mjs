import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking'] });
const p = await b.newPage({ viewport: { width: 1100, height: 1400 } });
const base = 'http://127.0.0.1:3999';
await p.goto(base + '/inloggen');
await p.fill('input[name=email]', process.argv[2]);
await p.fill('input[name=password]', 'sociale-basis-demo');
await p.click('button[type=submit]');
for (const [i, path] of process.argv.slice(3).entries()) {
  await p.goto(base + path);
  await p.screenshot({ path: `/tmp/s${i}.png` });
}
await b.close();
