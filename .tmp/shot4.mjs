import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking'] });
const p = await b.newPage({ viewport: { width: 390, height: 1600 }, deviceScaleFactor: 1 });
await p.goto('http://127.0.0.1:3999' + process.argv[2]);
await p.screenshot({ path: '/tmp/m.png' });
await b.close();
