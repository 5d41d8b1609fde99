// Who is asking: the socket's address, unless it is a proxy we were told to trust
// (TRUST_PROXY), then the rightmost X-Forwarded-For entry that is not itself a trusted proxy.
// Anyone can send X-Forwarded-For; only the entries our own proxies appended are facts.
import net from 'node:net';

export interface TrustedProxies {
  isTrusted(address: string): boolean;
  readonly empty: boolean;
}

/** One TRUST_PROXY entry: an address or a CIDR range; undefined when malformed. */
function parseEntry(entry: string): { address: string; prefix: number | undefined; family: 'ipv4' | 'ipv6' } | undefined {
  const [address, prefixText, extra] = entry.split('/');
  if (extra !== undefined || !address) return undefined;
  const version = net.isIP(address);
  if (version === 0) return undefined;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  if (prefixText === undefined) return { address, prefix: undefined, family };
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > (version === 4 ? 32 : 128)) return undefined;
  return { address, prefix, family };
}

/** TRUST_PROXY's entries that are neither an address nor a CIDR range. */
export function invalidProxyEntries(entries: string[]): string[] {
  return entries.filter((e) => parseEntry(e) === undefined);
}

export function splitProxyList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
}

export function trustedProxies(entries: string[]): TrustedProxies {
  const list = new net.BlockList();
  for (const entry of entries) {
    const parsed = parseEntry(entry);
    if (!parsed) throw new Error(`TRUST_PROXY: not an address or CIDR range: ${entry}`);
    if (parsed.prefix === undefined) list.addAddress(parsed.address, parsed.family);
    else list.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  return {
    empty: entries.length === 0,
    isTrusted(address: string) {
      if (entries.length === 0) return false;
      const version = net.isIP(address);
      return version !== 0 && list.check(address, version === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/** `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) → `192.0.2.1`. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address.toLowerCase();
}

/** An X-Forwarded-For entry without port or brackets; undefined when it is not an address. */
function forwardedEntry(raw: string): string | undefined {
  let value = raw.trim();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    if (end === -1) return undefined;
    value = value.slice(1, end);
  } else if (value.indexOf(':') !== -1 && value.indexOf(':') === value.lastIndexOf(':')) {
    value = value.slice(0, value.indexOf(':')); // IPv4 with a port
  }
  return net.isIP(value) ? normalizeAddress(value) : undefined;
}

export function clientAddressOf(socketAddress: string | undefined | null, forwardedFor: string | null, proxies: TrustedProxies): string | null {
  if (!socketAddress) return null;
  let address = normalizeAddress(socketAddress);
  if (!forwardedFor || !proxies.isTrusted(address)) return address;
  const hops = forwardedFor.split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = forwardedEntry(hops[i]!);
    // Garbage to the left of what our proxies appended: the last trusted hop is all we know.
    if (!hop) return address;
    address = hop;
    if (!proxies.isTrusted(hop)) return hop;
  }
  return address;
}
