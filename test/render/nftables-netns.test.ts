// The nftables output for the reference flows, loaded into a firewall namespace between an
// "internet" namespace and a "perimeter" namespace, lets required connections through and drops
// others. Everything runs inside `unshare --net --mount --pid`, with its own /run/netns, so the
// machine's network is never touched; when the unshare exits, every namespace goes with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPolicies } from '../../src/policy/build.ts';
import { nftablesRenderer } from '../../src/render/nftables.ts';
import { readFileSync } from 'node:fs';
import { compileFlows } from '../../src/flows/compile.ts';
import { parseTopology } from '../../src/topology/load.ts';

// The shipped reference example (002), with an IPv6 address added to the Access Edge so both
// families cross the firewall.
const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'lync2010-single-consolidated-edge.yaml');
function referenceExampleFlows() {
  const text = readFileSync(EXAMPLE, 'utf8').replace('access: 10.45.16.10', 'access: [10.45.16.10, "2001:db8:45::10"]');
  return compileFlows(parseTopology(text, EXAMPLE));
}

// One small node program: `listen ADDR:PORT...` answers TCP; `connect [LOCAL@]ADDR:PORT...` reports
// open / timeout / error per target; `udp LOCAL@ADDR:PORT` sends one datagram.
const PROBE = String.raw`
import net from 'node:net'; import dgram from 'node:dgram';
const [mode, ...targets] = process.argv.slice(2);
const split = (t) => { const i = t.lastIndexOf(':'); return [t.slice(0, i).replace(/^\[|\]$/g, ''), Number(t.slice(i + 1))]; };
if (mode === 'listen') {
  let n = 0;
  for (const t of targets) { const [host, port] = split(t); net.createServer((s) => s.end('ok\n')).listen({ host, port }, () => { if (++n === targets.length) console.log('ready'); }); }
} else if (mode === 'udp') {
  const [local, dst] = targets[0].split('@'); const [host, port] = split(dst);
  const s = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
  s.bind({ address: local }, () => s.send('stun', port, host, () => s.close()));
} else {
  for (const t of targets) {
    const [local, dst] = t.includes('@') ? t.split('@') : [undefined, t]; const [host, port] = split(dst);
    const verdict = await new Promise((res) => {
      const s = net.connect({ host, port, localAddress: local, timeout: 1500 });
      s.on('data', () => { s.destroy(); res('open'); });
      s.on('timeout', () => { s.destroy(); res('timeout'); });
      s.on('error', (e) => res('error:' + e.code));
    });
    console.log(verdict + ' ' + t);
  }
}
`;

const SCRIPT = String.raw`
set -eu
D="$1"; NODE="$2"
mount -t tmpfs tmpfs /run
mkdir -p /run/netns
ns() { ip netns exec "$@"; }
for n in inet fw perim; do ip netns add "pt_$n"; ns "pt_$n" ip link set lo up; done
ip link add i-out netns pt_inet type veth peer name f-out netns pt_fw
ip link add f-in netns pt_fw type veth peer name p-in netns pt_perim
ns pt_inet ip addr add 198.51.100.2/24 dev i-out
ns pt_inet ip addr add 2001:db8:ff::2/64 dev i-out nodad
ns pt_fw ip addr add 198.51.100.1/24 dev f-out
ns pt_fw ip addr add 2001:db8:ff::1/64 dev f-out nodad
ns pt_fw ip addr add 10.45.16.1/24 dev f-in
ns pt_fw ip addr add 2001:db8:45::1/64 dev f-in nodad
for a in 10 20 30 40; do ns pt_perim ip addr add 10.45.16.$a/24 dev p-in; done
ns pt_perim ip addr add 2001:db8:45::10/64 dev p-in nodad
ns pt_inet ip link set i-out up; ns pt_fw ip link set f-out up; ns pt_fw ip link set f-in up; ns pt_perim ip link set p-in up
ns pt_inet ip route add default via 198.51.100.1
ns pt_inet ip -6 route add default via 2001:db8:ff::1
ns pt_perim ip route add default via 10.45.16.1
ns pt_perim ip -6 route add default via 2001:db8:45::1
ns pt_fw sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
ns pt_fw nft -f "$D/external.nft"
ns pt_perim "$NODE" "$D/probe.mjs" listen 10.45.16.10:443 10.45.16.10:5061 10.45.16.10:22 10.45.16.20:443 10.45.16.20:5061 10.45.16.30:50010 10.45.16.30:443 10.45.16.40:80 10.45.16.40:8080 '[2001:db8:45::10]:443' '[2001:db8:45::10]:22' > "$D/perim.log" 2>&1 &
ns pt_inet "$NODE" "$D/probe.mjs" listen 198.51.100.2:80 198.51.100.2:25 > "$D/inet.log" 2>&1 &
for i in $(seq 100); do grep -q ready "$D/perim.log" && grep -q ready "$D/inet.log" && break; sleep 0.1; done
# Warm the neighbour caches (IPv6 neighbour discovery can otherwise delay the first SYN past the
# probe's timeout under load): the firewall's own traffic is not filtered by the forward chain.
ns pt_fw "$NODE" "$D/probe.mjs" connect '[2001:db8:45::10]:443' 10.45.16.10:443 10.45.16.30:443 10.45.16.40:80 '[2001:db8:ff::2]:9' 198.51.100.2:80 > /dev/null
ns pt_inet "$NODE" "$D/probe.mjs" connect '[2001:db8:ff::1]:9' 198.51.100.1:9 > /dev/null
echo "# inbound"
ns pt_inet "$NODE" "$D/probe.mjs" connect 10.45.16.10:443 10.45.16.10:5061 10.45.16.20:443 10.45.16.30:50010 10.45.16.30:443 10.45.16.40:80 '[2001:db8:45::10]:443' 10.45.16.10:22 10.45.16.20:5061 10.45.16.40:8080 '[2001:db8:45::10]:22'
echo "# outbound"
ns pt_perim "$NODE" "$D/probe.mjs" connect 10.45.16.10@198.51.100.2:80 10.45.16.20@198.51.100.2:80 10.45.16.10@198.51.100.2:25
ns pt_inet "$NODE" "$D/probe.mjs" udp 198.51.100.2@10.45.16.30:3478
ns pt_inet "$NODE" "$D/probe.mjs" udp 198.51.100.2@10.45.16.30:3479
sleep 0.3
echo "# counters"
ns pt_fw nft list chain inet portolan_external forward | grep -E 'comment "r[0-9]+ ' | sed -E 's/.*packets ([0-9]+) .*comment "(r[0-9]+) .*/counter \2 \1/'
`;

test('nftables rules in a namespace firewall: required flows pass, others are dropped', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-netns-'));
  const ext = buildPolicies(referenceExampleFlows()).find((p) => p.firewall === 'external')!;
  writeFileSync(join(dir, 'external.nft'), nftablesRenderer.render(ext, { interfaces: { outside: 'f-out', inside: 'f-in' } }));
  writeFileSync(join(dir, 'probe.mjs'), PROBE);
  writeFileSync(join(dir, 'lab.sh'), SCRIPT);
  const r = spawnSync('unshare', ['--net', '--mount', '--pid', '--fork', '--kill-child', '--mount-proc', 'bash', join(dir, 'lab.sh'), dir, process.execPath], { encoding: 'utf8', timeout: 55_000 });
  const out = `${r.stdout}\n${r.stderr}`;
  assert.equal(r.status, 0, out);
  const verdict = (t: string) => new RegExp(`^(\\S+) ${t.replace(/[[\].]/g, '\\$&')}$`, 'm').exec(r.stdout)?.[1];
  // Required flows (inbound to the edge and reverse proxy, IPv4 and IPv6; outbound from Access).
  for (const t of ['10.45.16.10:443', '10.45.16.10:5061', '10.45.16.20:443', '10.45.16.30:50010', '10.45.16.30:443', '10.45.16.40:80', '[2001:db8:45::10]:443', '10.45.16.10@198.51.100.2:80'])
    assert.equal(verdict(t), 'open', `${t} should pass\n${out}`);
  // No flow allows these; a listener is there, so a timeout is the firewall's drop.
  for (const t of ['10.45.16.10:22', '10.45.16.20:5061', '10.45.16.40:8080', '[2001:db8:45::10]:22', '10.45.16.20@198.51.100.2:80', '10.45.16.10@198.51.100.2:25'])
    assert.equal(verdict(t), 'timeout', `${t} should be dropped\n${out}`);
  // UDP: the STUN datagram to 3478 hit the A/V UDP rule; the one to 3479 hit nothing.
  const udpRule = ext.rules.find((x) => x.transport === 'UDP' && x.direction === 'in')!;
  const counter = new RegExp(`^counter ${udpRule.id} (\\d+)$`, 'm').exec(r.stdout)?.[1];
  assert.equal(counter, '1', `the UDP 3478 datagram is counted once by ${udpRule.id}\n${out}`);
});
