import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAzure } from '../../src/parse/azure.ts';
import { assertInputError, brief, fixture, policy, read } from './helpers.ts';

const FILE = fixture('azure-nsg.json');
const RFC1918 = '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16';

test('Azure NSG: priority order per direction, default rules added when absent', () => {
  const r = parseAzure(read('azure-nsg.json'), FILE);
  assert.deepEqual(r.policies.map((p) => [p.firewall, p.defaultAction, p.stateful]), [
    ['edge-external-nsg Inbound', 'drop', true], ['edge-external-nsg Outbound', 'drop', true],
  ]);
  const inb = policy(r.policies, 'edge-external-nsg Inbound');
  assert.deepEqual(inb.rules.map((x) => `${x.origin?.line} ${x.comment} ${brief(x)}`), [
    '41 Allow-AV-Media accept ipv4 UDP any:any > 10.1.0.30:50000-59999',
    '52 Deny-RDP drop ipv4 any 203.0.113.0/24:any > any:3389',
    '52 Deny-RDP drop ipv6 any 2001:db8:bad::/48:any > any:3389',
    '27 Allow-AccessEdge accept ipv4 TCP any:any > 10.1.0.10:443,5061', // Internet taken as any
    `3 AllowVnetInBound accept ipv4 any ${RFC1918}:any > ${RFC1918}:any`, // from defaultSecurityRules
    '1 AllowAzureLoadBalancerInBound accept ipv4 any 168.63.129.16:any > any:any', // synthesised
    '1 DenyAllInBound drop any any any:any > any:any',
  ]);
  assert.match(inb.rules[6].origin?.text ?? '', /Azure default rule, not in the file/);
  const outb = policy(r.policies, 'edge-external-nsg Outbound');
  assert.deepEqual(outb.rules.map((x) => `${x.comment} ${x.direction} ${x.action}`), [
    'Allow-Internal-SIP out accept', 'AllowVnetOutBound out accept', 'AllowInternetOutBound out accept', 'DenyAllOutBound out drop',
  ]);
});

test('Azure NSG: VirtualNetwork assumption, unresolvable tags and ICMP are warned', () => {
  const w = parseAzure(read('azure-nsg.json'), FILE).warnings.map((x) => `${x.line} ${x.message}`);
  assert.ok(w.some((x) => /^3 rule AllowVnetInBound: service tag VirtualNetwork taken as 10\.0\.0\.0\/8.*assumed/.test(x)), w.join('\n'));
  assert.ok(w.some((x) => /^63 rule Allow-Ping: protocol Icmp is not modelled/.test(x)));
  assert.ok(w.some((x) => /^74 rule Allow-Storage: service tag Storage.WestEurope cannot be resolved/.test(x)));
  // with the VNet address space given, synthesised defaults use it silently
  const r = parseAzure(read('azure-nsg.json'), FILE, { virtualNetwork: ['10.1.0.0/16'] });
  const vnet = policy(r.policies, 'edge-external-nsg Outbound').rules.find((x) => x.comment === 'AllowVnetOutBound')!;
  assert.equal(brief(vnet), 'accept ipv4 any 10.1.0.0/16:any > 10.1.0.0/16:any');
});

test('Azure NSG: ARM resource form (properties.securityRules)', () => {
  const arm = JSON.stringify({ name: 'nsg1', type: 'Microsoft.Network/networkSecurityGroups', properties: { securityRules: [
    { name: 'sip', properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '10.0.0.4', destinationPortRange: '5061' } },
  ] } }, null, 2);
  const r = parseAzure(arm, 'arm.json');
  assert.equal(brief(policy(r.policies, 'nsg1 Inbound').rules[0]), 'accept ipv4 TCP any:any > 10.0.0.4:5061');
  assert.equal(policy(r.policies, 'nsg1 Inbound').rules[0].origin?.line, 6); // the rule object's opening brace
});

test('Azure NSG: bad input is an InputError with file:line:col', () => {
  const nsg = (rule: string) => `{"name": "n", "securityRules": [\n  ${rule}\n]}`;
  assertInputError(() => parseAzure(nsg('{"name": "a", "priority": 100, "direction": "Sideways", "access": "Allow", "protocol": "Tcp"}'), 'a.json'), 'a.json', 2, 3, /direction/);
  assertInputError(() => parseAzure(nsg('{"name": "b", "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "*", "destinationAddressPrefix": "*", "destinationPortRange": "99999"}'), 'b.json'), 'b.json', 2, 3, /invalid port range/);
  assertInputError(() => parseAzure(nsg('{"name": "c", "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "10.0.0.0/99", "destinationAddressPrefix": "*"}'), 'c.json'), 'c.json', 2, 3, /invalid address prefix/);
  assertInputError(() => parseAzure('{"name": "n", "securityRules": [\n  {"name": "x", "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "*", "sourceAddressPrefix": "*", "destinationAddressPrefix": "*"},\n  {"name": "y", "priority": 100, "direction": "Inbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "destinationAddressPrefix": "*"}\n]}', 'd.json'), 'd.json', 3, 3, /share priority 100/);
  assertInputError(() => parseAzure('{"name": "n"}', 'e.json'), 'e.json', 1, 1, /not a network security group/);
});
