import { blockedRange, guardedLookup, isAllowedHost } from './address-guard.js';

describe('blockedRange', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['64:ff9b::a00:1', 'rfc6052'],
    ['not-an-ip', 'invalid address'],
  ])('%s is blocked as %s', (address, range) => {
    expect(blockedRange(address)).toBe(range);
  });

  it.each(['8.8.8.8', '172.32.0.1', '93.184.215.14', '2606:4700:4700::1111', '::ffff:8.8.4.4'])('%s is public', (address) => {
    expect(blockedRange(address)).toBeNull();
  });
});

describe('isAllowedHost', () => {
  const allow = ['127.0.0.1:4010', 'mirror.internal', '[::1]:8080', 'fd00::5'];
  it.each([
    ['127.0.0.1', 4010, true],
    ['127.0.0.1', 4011, false],
    ['mirror.internal', 80, true],
    ['MIRROR.internal', 8443, true],
    ['other.internal', 80, false],
    ['::1', 8080, true],
    ['[::1]', 8080, true],
    ['::1', 80, false],
    ['fd00::5', 1234, true],
  ])('%s port %d → %s', (host, port, allowed) => {
    expect(isAllowedHost(allow, host, port)).toBe(allowed);
  });

  it('allows nothing with an empty list', () => {
    expect(isAllowedHost([], '127.0.0.1', 80)).toBe(false);
  });
});

describe('guardedLookup', () => {
  const lookup = (hostname: string, all: boolean) =>
    new Promise<{ error: Error | null; address: unknown }>((resolve) =>
      guardedLookup(hostname, { all }, (error, address) => resolve({ error, address })),
    );

  it('refuses a name that resolves to a loopback address, naming the address', async () => {
    const { error } = await lookup('localhost', false);
    expect(error?.name).toBe('BlockedAddressError');
    expect(error?.message).toMatch(/^localhost resolves to (127\.0\.0\.1|::1) \(loopback\)/);
  });

  it('passes a literal public address through in both callback forms', async () => {
    expect(await lookup('8.8.8.8', false)).toEqual({ error: null, address: '8.8.8.8' });
    expect(await lookup('8.8.8.8', true)).toEqual({ error: null, address: [{ address: '8.8.8.8', family: 4 }] });
  });
});
