// The client's address, for rate limiting. By default the socket's address; behind reverse proxies configured in
// TRUST_PROXY, the address those proxies put in X-Forwarded-For — never a header value the client can set freely.
import net from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { TrustProxy } from '../../config.ts';

const unmapped = (a: string) => (a.toLowerCase().startsWith('::ffff:') && net.isIPv4(a.slice(7)) ? a.slice(7) : a);

const blockLists = new WeakMap<TrustProxy, net.BlockList>();
function blockListOf(trust: Extract<TrustProxy, { kind: 'addresses' }>): net.BlockList {
  let list = blockLists.get(trust);
  if (!list) {
    list = new net.BlockList();
    for (const item of trust.list) {
      const [addr, bits] = item.split('/');
      const type = net.isIPv6(addr) ? 'ipv6' : 'ipv4';
      if (bits === undefined) list.addAddress(addr, type);
      else list.addSubnet(addr, Number(bits), type);
    }
    blockLists.set(trust, list);
  }
  return list;
}

const trusted = (list: net.BlockList, a: string) => list.check(a, net.isIPv6(a) ? 'ipv6' : 'ipv4');

/**
 * Picks the client address from the socket address and the X-Forwarded-For header (pure; exported for tests).
 * hops: N proxies in front of us, each appending the address it saw → the N-th address from the right.
 * addresses: walk from the right past the trusted proxies; the first untrusted address is the client.
 */
export function pickClientAddress(socketAddress: string, forwardedFor: string | undefined, trust: TrustProxy): string {
  const socket = unmapped(socketAddress);
  if (trust.kind === 'none' || !forwardedFor) return socket;
  const chain = [
    ...forwardedFor
      .split(',')
      .map((s) => unmapped(s.trim()))
      .filter(Boolean),
    socket,
  ];
  if (trust.kind === 'hops') {
    // Walk left at most `hops` times; stop at anything that is not an address (a client's junk).
    let i = chain.length - 1;
    for (let n = 0; n < trust.hops && i > 0 && net.isIP(chain[i - 1]); n++) i--;
    return chain[i];
  }
  const list = blockListOf(trust);
  let i = chain.length - 1;
  while (i > 0 && net.isIP(chain[i]) && trusted(list, chain[i]) && net.isIP(chain[i - 1])) i--;
  return chain[i];
}

export function clientAddress(c: Context, trust: TrustProxy): string {
  let socket = 'unknown';
  try {
    socket = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    /* not on node-server (tests call app.request) */
  }
  return pickClientAddress(socket, c.req.header('x-forwarded-for'), trust);
}
