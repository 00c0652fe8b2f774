import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalAddress, cidrFamily, hostFamily, parseCidr } from '../../src/net/address.ts';
import { cidrsBetween, complementAddresses, intersectAddressLists, normalizeAddresses } from '../../src/net/address-list.ts';

describe('the family checks share the parser', () => {
  it('hostFamily reads an address alone, cidrFamily an address or block; both say undefined otherwise', () => {
    assert.equal(hostFamily('10.45.16.10'), 'ipv4');
    assert.equal(hostFamily('2001:db8::1'), 'ipv6');
    assert.equal(hostFamily('::ffff:192.0.2.1'), 'ipv6');
    for (const bad of ['10.45.16.10/32', '10.0.0.1-10.0.0.9', '010.1.1.1', '1.2.3', 'fe80::1%eth0', '', 'any', '2001:db8::/64']) {
      assert.equal(hostFamily(bad), undefined, bad);
    }
    assert.equal(cidrFamily('10.45.16.0/24'), 'ipv4');
    assert.equal(cidrFamily('10.45.16.10'), 'ipv4');
    assert.equal(cidrFamily('2001:db8::/64'), 'ipv6');
    for (const bad of ['10.0.0.0/33', '2001:db8::/129', '10.0.0.1-10.0.0.9', '10.0.0.0/8/8', 'host', '1.2.3.4/x']) {
      assert.equal(cidrFamily(bad), undefined, bad);
    }
  });

  it('parseCidr gives the prefix and refuses ranges; canonicalAddress clears host bits', () => {
    assert.deepEqual(parseCidr('10.0.0.0/8'), { family: 'ipv4', lo: 0x0a000000n, hi: 0x0affffffn, prefix: 8 });
    assert.equal(parseCidr('2001:db8::1').prefix, 128);
    assert.throws(() => parseCidr('10.0.0.0-10.0.0.255'), /a range is not one CIDR block/);
    assert.equal(canonicalAddress('10.1.2.3/8'), '10.0.0.0/8');
    assert.equal(canonicalAddress('2001:DB8:0:0::1'), '2001:db8::1');
  });
});

describe('address lists', () => {
  it('normalise: canonical, sorted, covered entries dropped', () => {
    assert.deepEqual(normalizeAddresses(['10.0.0.5', '10.0.0.0/24', '2001:db8::1', '9.9.9.9']), ['9.9.9.9', '10.0.0.0/24', '2001:db8::1']);
  });
  it('complement and intersect per family, as the fewest blocks', () => {
    assert.deepEqual(complementAddresses(['128.0.0.0/1'], 'ipv4'), ['0.0.0.0/1']);
    assert.deepEqual(complementAddresses(['2001:db8::/32', '10.0.0.0/8'], 'ipv4'), ['0.0.0.0/5', '8.0.0.0/7', '11.0.0.0/8', '12.0.0.0/6', '16.0.0.0/4', '32.0.0.0/3', '64.0.0.0/2', '128.0.0.0/1']);
    assert.deepEqual(intersectAddressLists(['10.0.0.0/8', '2001:db8::/32'], ['10.1.0.0/16', '2001:db8:1::/48', '192.0.2.1']), ['10.1.0.0/16', '2001:db8:1::/48']);
    assert.deepEqual(intersectAddressLists(['10.0.0.0/8'], ['2001:db8::/32']), []);
  });
  it('cidrsBetween writes a range as blocks, undefined when it is not one', () => {
    assert.deepEqual(cidrsBetween('10.0.0.1', '10.0.0.6'), ['10.0.0.1', '10.0.0.2/31', '10.0.0.4/31', '10.0.0.6']);
    assert.equal(cidrsBetween('10.0.0.9', '10.0.0.1'), undefined);
    assert.equal(cidrsBetween('10.0.0.1', '2001:db8::1'), undefined);
  });
});

describe('the IPv6 fast path', () => {
  it('agrees with node:net on random text of IPv6 characters (zone indexes aside)', async () => {
    const { isIPv6 } = await import('node:net');
    const fc = (await import('fast-check')).default;
    const chars = fc.constantFrom(...'0123456789abcdefABCDEF::::.'.split(''));
    fc.assert(fc.property(fc.array(chars, { minLength: 1, maxLength: 40 }).map((a) => a.join('')), (s) => {
      assert.equal(hostFamily(s) === 'ipv6', isIPv6(s), s);
    }), { numRuns: 20000 });
    // Real addresses, compressed or not, in both cases.
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }), (g) => {
      const full = g.map((x) => x.toString(16)).join(':');
      const value = g.reduce((v, x) => (v << 16n) | BigInt(x), 0n);
      for (const text of [full, full.toUpperCase(), canonicalAddress(full)]) {
        assert.equal(hostFamily(text), 'ipv6', text);
        assert.equal(parseCidr(text).lo, value, text);
      }
    }));
  });
});
