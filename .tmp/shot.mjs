import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking'] });
const p = await b.newPage({ viewport: { width: 1280, height: 1800 } });
await p.goto('http://127.0.0.1:3999/activiteiten?q=ontmoeting&theme=ontmoeten&district=schalkwijk');
await p.screenshot({ path: '/tmp/search.png' });
await p.goto('http://127.0.0.1:3999/activiteiten?district=noord&day=3&page=2');
await p.screenshot({ path: '/tmp/search2.png' });
await b.close();
