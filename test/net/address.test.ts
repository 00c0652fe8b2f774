import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InputError } from '../../src/errors.ts';
import { formatHost, formatRange, parseAddress, parseHost, rangeToCidrs } from '../../src/net/address.ts';

describe('parseAddress', () => {
  it('reads hosts, CIDRs and ranges of both families as inclusive intervals', () => {
    assert.deepEqual(parseAddress('10.45.16.10'), { family: 'ipv4', lo: 0x0a2d100an, hi: 0x0a2d100an });
    assert.deepEqual(parseAddress('10.20.0.0/16'), { family: 'ipv4', lo: 0x0a140000n, hi: 0x0a14ffffn });
    assert.deepEqual(parseAddress('0.0.0.0/0'), { family: 'ipv4', lo: 0n, hi: 0xffffffffn });
    assert.deepEqual(parseAddress('2001:db8::1'), { family: 'ipv6', lo: 0x20010db8000000000000000000000001n, hi: 0x20010db8000000000000000000000001n });
    assert.deepEqual(parseAddress('2001:db8::/64'), { family: 'ipv6', lo: 0x20010db8000000000000000000000000n, hi: 0x20010db800000000ffffffffffffffffn });
    assert.deepEqual(parseAddress('::/0'), { family: 'ipv6', lo: 0n, hi: (1n << 128n) - 1n });
    assert.deepEqual(parseAddress('10.0.0.1-10.0.0.9'), { family: 'ipv4', lo: 0x0a000001n, hi: 0x0a000009n });
    assert.equal(parseHost('::ffff:192.0.2.1').value, 0xffffc0000201n);
    assert.equal(parseHost('1:2:3:4:5:6:7::').value, 0x00010002000300040005000600070000n);
  });

  it('masks host bits like iptables, or refuses them when strict', () => {
    assert.deepEqual(parseAddress('10.0.0.5/8'), { family: 'ipv4', lo: 0x0a000000n, hi: 0x0affffffn });
    assert.throws(() => parseAddress('10.0.0.5/8', { strictPrefix: true }), /host bits are set \(network is 10\.0\.0\.0\/8\)/);
  });

  const bad: [string, RegExp][] = [
    ['10.0.0', /four dotted parts/],
    ['256.1.1.1', /larger than 255/],
    ['01.2.3.4', /leading zero/],
    ['1.2.3.x', /not a decimal octet/],
    ['1:2:3', /8 groups/],
    ['1::2::3', /only once/],
    ['1:2:3:4:5:6:7:8::', /at least one zero group/],
    ['2001:db8::g', /hex digits/],
    ['fe80::1%eth0', /zone/],
    ['10.0.0.0/33', /0 to 32/],
    ['2001:db8::/129', /0 to 128/],
    ['10.0.0.0/', /0 to 32/],
    ['10.0.0.1-::1', /mix IPv4 and IPv6/],
    ['10.0.0.5-10.0.0.1', /ends before it starts/],
    ['', /empty/],
  ];
  for (const [text, reason] of bad) {
    it(`refuses '${text}' with a reason`, () => {
      assert.throws(() => parseAddress(text), (e: unknown) => e instanceof InputError && reason.test(e.message) && e.message.includes(`'${text}'`));
    });
  }
});

describe('formatHost', () => {
  it('writes IPv6 as RFC 5952 says', () => {
    const cases: [string, string][] = [
      ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
      ['0:0:0:0:0:0:0:0', '::'],
      ['0:0:0:0:0:0:0:1', '::1'],
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
      ['1:0:0:0:0:0:0:0', '1::'],
      ['0:0:0:0:0:ffff:c000:201', '::ffff:192.0.2.1'],
    ];
    for (const [input, out] of cases) assert.equal(formatHost('ipv6', parseHost(input).value), out);
  });

  it('round-trips any address of either family', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), (v6, v4) => {
        assert.equal(parseHost(formatHost('ipv6', v6)).value, v6);
        assert.equal(parseHost(formatHost('ipv4', v4)).value, v4);
      }),
    );
  });
});

describe('rangeToCidrs', () => {
  /** Fewest aligned blocks covering [lo, hi] inside the first 256 addresses, by dynamic programming. */
  function minimalCount(lo: number, hi: number): number {
    const best = new Array<number>(hi + 2).fill(Infinity);
    best[hi + 1] = 0;
    for (let pos = hi; pos >= lo; pos--) {
      for (let size = 1; size <= 256 && pos % size === 0 && pos + size - 1 <= hi; size *= 2) {
        best[pos] = Math.min(best[pos]!, 1 + best[pos + size]!);
      }
    }
    return best[lo]!;
  }

  it('covers exactly the range with the fewest blocks (brute force on 0..255)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), (a, b) => {
        const [lo, hi] = [Math.min(a, b), Math.max(a, b)];
        const cidrs = rangeToCidrs('ipv4', BigInt(lo), BigInt(hi));
        assert.equal(cidrs.length, minimalCount(lo, hi));
        let next = BigInt(lo);
        for (const c of cidrs) {
          const r = parseAddress(c, { strictPrefix: true });
          assert.equal(r.lo, next, 'blocks are in order, contiguous');
          next = r.hi + 1n;
        }
        assert.equal(next, BigInt(hi) + 1n);
      }),
    );
  });

  it('handles the ends of the IPv6 space and whole families', () => {
    const max = (1n << 128n) - 1n;
    assert.deepEqual(rangeToCidrs('ipv6', 0n, max), ['::/0']);
    assert.deepEqual(rangeToCidrs('ipv4', 0n, 0xffffffffn), ['0.0.0.0/0']);
    assert.deepEqual(rangeToCidrs('ipv6', max - 1n, max), ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127']);
    assert.deepEqual(rangeToCidrs('ipv6', 1n, 3n), ['::1', '::2/127']);
    assert.deepEqual(rangeToCidrs('ipv4', 0x0a000001n, 0x0a000011n), ['10.0.0.1', '10.0.0.2/31', '10.0.0.4/30', '10.0.0.8/29', '10.0.0.16/31']);
  });

  it('formatRange writes one string that parses back to the same range', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (a, b) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        const r = parseAddress(formatRange('ipv6', lo, hi));
        assert.equal(r.lo, lo);
        assert.equal(r.hi, hi);
      }),
    );
    assert.equal(formatRange('ipv4', 0x0a000000n, 0x0a0000ffn), '10.0.0.0/24');
    assert.equal(formatRange('ipv4', 0x0a000001n, 0x0a000002n), '10.0.0.1-10.0.0.2');
  });
});
