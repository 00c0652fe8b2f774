import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAws } from '../../src/parse/aws.ts';
import { assertInputError, brief, fixture, policy, read } from './helpers.ts';

const FILE = fixture('aws-security-groups.json');

test('AWS: one allow-only policy per group and direction, one rule per CIDR with its description', () => {
  const r = parseAws(read('aws-security-groups.json'), FILE);
  assert.deepEqual(r.policies.map((p) => [p.firewall, p.defaultAction, p.stateful]), [
    ['sg-0123456789abcdef0 lync-edge-external ingress', 'drop', true],
    ['sg-0123456789abcdef0 lync-edge-external egress', 'drop', true],
    ['sg-0aaaabbbbccccdddd default ingress', 'drop', true],
    ['sg-0aaaabbbbccccdddd default egress', 'drop', true],
  ]);
  const ing = policy(r.policies, 'sg-0123456789abcdef0 lync-edge-external ingress');
  assert.deepEqual(ing.rules.map((x) => `${x.origin?.line} ${x.direction} ${brief(x)} ${x.comment}`), [
    '11 in accept ipv4 TCP any:any > any:443 Access Edge SIP/TLS',
    '17 in accept ipv6 TCP any:any > any:443 Access Edge SIP/TLS IPv6',
    '30 in accept ipv4 UDP 203.0.113.0/24:any > any:50000-59999 ',
    '33 in accept ipv4 UDP 198.51.100.7/32:any > any:50000-59999 partner media relay',
  ]);
  const eg = policy(r.policies, 'sg-0123456789abcdef0 lync-edge-external egress');
  assert.deepEqual(eg.rules.map((x) => `${x.direction} ${brief(x)}`), ['out accept ipv4 any any:any > any:any']);
  assert.match(eg.rules[0].origin?.text ?? '', /IpProtocol=-1 CidrIp=0.0.0.0\/0/);
});

test('AWS: icmp, security-group references and prefix lists are warned at their JSON line', () => {
  const w = parseAws(read('aws-security-groups.json'), FILE).warnings.map((x) => `${x.line}:${x.col} ${x.message}`);
  assert.deepEqual(w, [
    '43:17 protocol icmp is not modelled (TCP and UDP only); permission skipped',
    '62:25 prefix list pl-0a1b2c3d4e5f60718 cannot be resolved to addresses; entry skipped',
    '69:25 source/destination security group sg-0fedcba9876543210 cannot be resolved to addresses; entry skipped',
    '109:25 source/destination security group sg-0aaaabbbbccccdddd cannot be resolved to addresses; entry skipped',
  ]);
});

test('AWS: bad input is an InputError with file:line:col', () => {
  assertInputError(() => parseAws('{"SecurityGroups": [\n  {"GroupId": "sg-1",\n   "IpPermissions": [ {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,\n     "IpRanges": [ {"CidrIp": "10.0.0.0/33"} ] } ] } ] }', 'a.json'), 'a.json', 4, 20, /invalid CIDR/);
  assertInputError(() => parseAws('{"SecurityGroups": [\n  {"GroupId": "sg-1", "IpPermissions": [ {"IpProtocol": "tcp", "FromPort": 500, "ToPort": 20} ] } ] }', 'b.json'), 'b.json', 2, 42, /invalid port range/);
  assertInputError(() => parseAws('{"SecurityGroups": [\n  {"GroupName": "x"} ] }', 'c.json'), 'c.json', 2, 3, /GroupId/);
  assertInputError(() => parseAws('{"SecurityGroups": [\n  {"GroupId": "sg-1",, } ] }', 'd.json'), 'd.json', 2, 22, /invalid JSON/);
});
