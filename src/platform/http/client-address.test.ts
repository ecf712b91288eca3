// The client address for rate limiting: the socket, unless TRUST_PROXY names the proxies in front of the server.
import { describe, it, expect } from 'vitest';
import { pickClientAddress } from './client-address.ts';
import { loadConfig } from '../../config.ts';

const trust = (v?: string) => loadConfig({ TRUST_PROXY: v } as NodeJS.ProcessEnv).TRUST_PROXY;

describe('client address', () => {
  it('ignores X-Forwarded-For unless proxies are trusted (a client can write anything there)', () => {
    expect(pickClientAddress('203.0.113.9', '1.2.3.4', trust())).toBe('203.0.113.9');
    expect(pickClientAddress('::ffff:203.0.113.9', undefined, trust(''))).toBe('203.0.113.9');
  });

  it('with a number of hops, takes the address the outermost trusted proxy saw', () => {
    expect(pickClientAddress('10.0.0.2', '198.51.100.7', trust('1'))).toBe('198.51.100.7');
    // The client prepended a fake address; the proxy appended the real one.
    expect(pickClientAddress('10.0.0.2', '6.6.6.6, 198.51.100.7', trust('1'))).toBe('198.51.100.7');
    expect(pickClientAddress('10.0.0.2', '6.6.6.6, 198.51.100.7, 10.0.0.1', trust('2'))).toBe('198.51.100.7');
    expect(pickClientAddress('10.0.0.2', 'rommel', trust('1'))).toBe('10.0.0.2');
  });

  it('with proxy addresses, walks back past them only', () => {
    const t = trust('10.0.0.0/8, 2001:db8::1');
    expect(pickClientAddress('10.0.0.2', '6.6.6.6, 198.51.100.7, 10.1.1.1', t)).toBe('198.51.100.7');
    expect(pickClientAddress('2001:db8::1', '198.51.100.7', t)).toBe('198.51.100.7');
    // Not from a trusted proxy: the header is not believed.
    expect(pickClientAddress('203.0.113.9', '198.51.100.7', t)).toBe('203.0.113.9');
  });

  it('refuses a bad TRUST_PROXY at start with a Dutch message', () => {
    expect(() => trust('proxy.example')).toThrow(/TRUST_PROXY: "proxy.example" is geen IP-adres of subnet/);
    expect(() => trust('10.0.0.0/33')).toThrow(/TRUST_PROXY/);
    expect(() => trust('11')).toThrow(/TRUST_PROXY: hoogstens 10/);
  });
});
