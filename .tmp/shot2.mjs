import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking'] });
const p = await b.newPage({ viewport: { width: 1100, height: 1500 } });
await p.goto('http://127.0.0.1:3999/activiteiten/058e8ca0-ddda-4492-9828-7d9190f4e9fc');
await p.screenshot({ path: '/tmp/act.png' });
await p.goto('http://127.0.0.1:3999/locaties/404f522d-6d30-4965-a2cc-a315f0ca2842');
await p.screenshot({ path: '/tmp/loc.png', fullPage: false });
await b.close();
