import autocannon from 'autocannon';
const { searchMix } = await import('/work/main/bench/run.ts');
const prefix = process.argv[2];
const r = await autocannon({ url: 'http://127.0.0.1:3999', requests: searchMix.map((q) => ({ method: 'GET', path: `${prefix}?${q}` })), duration: 8, connections: 32 });
console.log(prefix, r.requests.average, 'rps; p97.5', r.latency.p97_5, 'p50', r.latency.p50, 'non2xx', r.non2xx);
