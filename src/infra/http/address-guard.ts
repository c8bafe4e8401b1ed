import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * The SSRF guard of the outbound HTTP client: which addresses a fetch may connect to.
 *
 * Only globally routable unicast addresses pass. ipaddr.js names every special range (IPv4: 0/8 "unspecified",
 * 10/8, 172.16/12, 192.168/16 "private", 100.64/10 "carrierGradeNat", 127/8 "loopback", 169.254/16 "linkLocal",
 * multicast, broadcast, reserved…; IPv6: ::1, ::, fe80::/10, fc00::/7 "uniqueLocal", multicast, NAT64 and 6to4/Teredo
 * tunnels that can embed a private IPv4…); IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as the IPv4 it carries.
 */

/** Why `address` may not be fetched (the ipaddr.js range name, e.g. "loopback", "private"), or null when it may. */
export function blockedRange(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''); // "[::1]" and zone ids ("fe80::1%eth0")
  if (!ipaddr.isValid(bare)) return 'invalid address';
  const range = ipaddr.process(bare).range();
  return range === 'unicast' ? null : range;
}

/**
 * Whether a host is listed in FETCH_ALLOW_HOSTS: an entry "host" allows every port of that host, "host:port" only
 * that port. Hosts compare lower-cased; IPv6 entries are written in brackets ("[::1]:8080") or bare ("::1").
 * @param port the URL's effective port (80/443 when the URL has none).
 */
export function isAllowedHost(allowHosts: readonly string[], hostname: string, port: number): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  for (const entry of allowHosts) {
    const e = entry.trim().toLowerCase();
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(e);
    if (bracketed) {
      if (bracketed[1] === host && (!bracketed[2] || Number(bracketed[2]) === port)) return true;
      continue;
    }
    if (isIP(e) === 6) {
      if (e === host) return true;
      continue;
    }
    const [name, entryPort] = e.split(':');
    if (name === host && (entryPort === undefined || Number(entryPort) === port)) return true;
  }
  return false;
}

/** Thrown (through the socket's connect callback) when a name resolves to a blocked address. */
export class BlockedAddressError extends Error {
  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(
      `${hostname} resolves to ${address} (${range}), which is not fetched; list the host in FETCH_ALLOW_HOSTS to allow it`,
    );
    this.name = 'BlockedAddressError';
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `dns.lookup`-compatible function for `net.connect`/`tls.connect` that refuses blocked addresses. It runs when a
 * socket is opened, after DNS, so a name that resolves (or re-resolves, DNS rebinding) to a private address is
 * refused for the first request and for every redirect alike. Every resolved address must pass, because the socket
 * may try any of them (Happy Eyeballs). Literal IP hosts never reach a lookup: check them with {@link blockedRange}.
 */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    for (const { address } of addresses) {
      const range = blockedRange(address);
      if (range) return callback(new BlockedAddressError(hostname, address, range) as NodeJS.ErrnoException, []);
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    return callback(null, first.address, first.family);
  });
}
