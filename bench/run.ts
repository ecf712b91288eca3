export async function runBench(_o: { duration: number; connections: number }) { throw new Error('not yet'); }
