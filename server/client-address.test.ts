// Forwarded headers are believed only from configured proxies (TRUST_PROXY).
import { describe, expect, test } from 'vitest';
import { clientAddressOf, invalidProxyEntries, trustedProxies } from './client-address.server.ts';

describe('clientAddressOf', () => {
  test('with no trusted proxy, X-Forwarded-For is ignored: the socket address is the client', () => {
    const none = trustedProxies([]);
    expect(clientAddressOf('127.0.0.1', '203.0.113.7', none)).toBe('127.0.0.1');
    expect(clientAddressOf('::ffff:198.51.100.2', '203.0.113.7, 10.0.0.1', none)).toBe('198.51.100.2');
  });

  test('from a trusted proxy, the rightmost entry that is not itself a trusted proxy', () => {
    const proxies = trustedProxies(['10.0.0.0/8', '192.0.2.10']);
    // A client forging the header: what it wrote is left of what our proxy appended.
    expect(clientAddressOf('10.0.0.5', '1.1.1.1, 203.0.113.7', proxies)).toBe('203.0.113.7');
    expect(clientAddressOf('::ffff:10.0.0.5', ' 203.0.113.7 , 10.1.1.1,192.0.2.10', proxies)).toBe('203.0.113.7');
    expect(clientAddressOf('10.0.0.5', '203.0.113.7:51234', proxies)).toBe('203.0.113.7');
    expect(clientAddressOf('10.0.0.5', '[2001:db8::1]:443', proxies)).toBe('2001:db8::1');
    // Every hop a proxy: the leftmost one is the best we know.
    expect(clientAddressOf('10.0.0.5', '10.2.3.4, 10.0.0.9', proxies)).toBe('10.2.3.4');
    // No header: the proxy itself.
    expect(clientAddressOf('10.0.0.5', null, proxies)).toBe('10.0.0.5');
    // Garbage where the client's address should be: not believed.
    expect(clientAddressOf('10.0.0.5', 'evil, 10.0.0.9', proxies)).toBe('10.0.0.9');
  });

  test('a request from an address that is not a proxy has its header ignored even when proxies are configured', () => {
    const proxies = trustedProxies(['10.0.0.0/8']);
    expect(clientAddressOf('198.51.100.9', '10.0.0.1', proxies)).toBe('198.51.100.9');
  });

  test('IPv6 ranges; malformed entries are reported', () => {
    const proxies = trustedProxies(['fd00::/8', '::1']);
    expect(clientAddressOf('::1', '2001:db8::7', proxies)).toBe('2001:db8::7');
    expect(clientAddressOf('fd12::3', '2001:db8::7, fd00::1', proxies)).toBe('2001:db8::7');
    expect(invalidProxyEntries(['10.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8'])).toEqual([]);
    expect(invalidProxyEntries(['10.0.0.0/33', 'proxy.local', '10.0.0.1/8/2', '::/129', '10.0.0.0/'])).toHaveLength(5);
  });
});
