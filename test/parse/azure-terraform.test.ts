// Terraform for Azure network security groups read back into the policy IR: hand-written
// Terraform as users write it, and every example topology rendered by `render --target azure`
// and read back, whose first-match accepted packet space must equal its firewall's flows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { renderAll } from '../../src/cli/commands/render.ts';
import { compileFlows } from '../../src/flows/compile.ts';
import { parseAzureTerraform, parserFor } from '../../src/parse/index.ts';
import { compareBoxes, expandFlows, expandPolicy, formatBox, type TupleBox } from '../../src/policy/expand.ts';
import type { Policy } from '../../src/policy/types.ts';
import { loadTopology } from '../../src/topology/load.ts';
import { assertInputError, brief, policy } from './helpers.ts';

const RFC1918 = '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16';

const TF = `# Edge NSG, written by hand
provider "azurerm" {
  features {}
}

resource "azurerm_resource_group" "lync" {
  name     = "lync-rg"
  location = "westeurope"
}

resource "azurerm_network_security_group" "edge" {
  name                = "edge-external-nsg"
  location            = azurerm_resource_group.lync.location
  resource_group_name = azurerm_resource_group.lync.name

  security_rule {
    name                       = "Allow-AccessEdge"
    priority                   = 200
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_ranges    = ["443", "5061"]
    source_address_prefix      = "Internet"
    destination_address_prefix = "10.1.0.10"
  }

  security_rule {
    name                       = "Deny-RDP"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "3389"
    source_address_prefixes    = ["203.0.113.0/24", "2001:db8:bad::/48"]
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "Allow-Ping"
    priority                   = 300
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Icmp"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  tags = { environment = "lab" }
}

resource "azurerm_network_security_rule" "media" {
  name                        = "Allow-AV-Media"
  priority                    = 150
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_port_range           = "*"
  destination_port_range      = "50000-59999"
  source_address_prefix       = "*"
  destination_address_prefix  = "10.1.0.30/32"
  resource_group_name         = azurerm_resource_group.lync.name
  network_security_group_name = azurerm_network_security_group.edge.name
}

resource "azurerm_network_security_rule" "sip_out" {
  name                        = "Allow-Internal-SIP"
  priority                    = 100
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "5061"
  source_address_prefix       = "10.1.0.10"
  destination_address_prefix  = var.pool_prefix
  resource_group_name         = azurerm_resource_group.lync.name
  network_security_group_name = "edge-external-nsg"
}

resource "azurerm_network_security_rule" "storage" {
  name                        = "Allow-Storage"
  priority                    = 110
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "443"
  source_address_prefix       = "VirtualNetwork"
  destination_address_prefix  = "Storage.WestEurope"
  resource_group_name         = azurerm_resource_group.lync.name
  network_security_group_name = azurerm_network_security_group.edge.name
}

resource "azurerm_network_interface_security_group_association" "edge" {
  network_interface_id      = azurerm_network_interface.edge.id
  network_security_group_id = azurerm_network_security_group.edge.id
}
`;

const NAME = 'azurerm_network_security_group.edge edge-external-nsg';

test('azure-terraform: priority order per direction, Azure default rules behind', () => {
  const r = parseAzureTerraform(TF, 'nsg.tf');
  assert.deepEqual(r.policies.map((p) => [p.firewall, p.defaultAction, p.stateful]), [
    [`${NAME} Inbound`, 'drop', true], [`${NAME} Outbound`, 'drop', true],
  ]);
  const inb = policy(r.policies, `${NAME} Inbound`);
  assert.deepEqual(inb.rules.map((x) => `${x.origin?.line} ${x.comment} ${brief(x)}`), [
    '28 Deny-RDP drop ipv4 any 203.0.113.0/24:any > any:3389',
    '28 Deny-RDP drop ipv6 any 2001:db8:bad::/48:any > any:3389',
    '55 Allow-AV-Media accept ipv4 UDP any:any > 10.1.0.30:50000-59999',
    '16 Allow-AccessEdge accept ipv4 TCP any:any > 10.1.0.10:443,5061',
    `11 AllowVnetInBound accept ipv4 any ${RFC1918}:any > ${RFC1918}:any`,
    '11 AllowAzureLoadBalancerInBound accept ipv4 any 168.63.129.16:any > any:any',
    '11 DenyAllInBound drop any any any:any > any:any',
  ]);
  assert.match(inb.rules[6]!.origin?.text ?? '', /Azure default rule, not in the file/);
  const outb = policy(r.policies, `${NAME} Outbound`);
  assert.deepEqual(outb.rules.map((x) => `${x.comment} ${x.direction} ${x.action}`), [
    'AllowVnetOutBound out accept', 'AllowInternetOutBound out accept', 'DenyAllOutBound out drop',
  ]);
  // --platform azure-terraform reads HCL with this reader (and `terraform show -json` with its own).
  assert.deepEqual(parserFor('azure-terraform')!(TF, 'nsg.tf'), r);
});

test('azure-terraform: variables, unresolvable tags and ICMP are warned where they are', () => {
  const w = parseAzureTerraform(TF, 'nsg.tf').warnings.map((x) => `${x.line}:${x.col} ${x.message}`);
  assert.deepEqual(w, [
    `11:1 rule AllowVnetInBound: service tag VirtualNetwork taken as ${RFC1918.replace(/,/g, ', ')} (assumed: the RFC 1918 ranges; pass the VNet address space to be exact)`,
    `11:1 rule AllowVnetOutBound: service tag VirtualNetwork taken as ${RFC1918.replace(/,/g, ', ')} (assumed: the RFC 1918 ranges; pass the VNet address space to be exact)`,
    '40:3 rule Allow-Ping: protocol Icmp is not modelled (TCP and UDP only); rule skipped',
    '78:33 azurerm_network_security_rule.sip_out: destination_address_prefix = var.pool_prefix is not evaluated; rule skipped',
    '83:1 rule Allow-Storage: service tag VirtualNetwork taken as 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (assumed: the RFC 1918 ranges; pass the VNet address space to be exact)',
    '83:1 rule Allow-Storage: service tag Storage.WestEurope cannot be resolved to addresses; rule skipped',
  ]);
});

test('azure-terraform: attributes-as-blocks, rules of an NSG declared elsewhere', () => {
  const tf = `resource "azurerm_network_security_group" "fe" {
  name = "fe-nsg"
  security_rule = [{
    name = "sip", priority = 100, direction = "inbound", access = "allow", protocol = "Tcp",
    source_port_range = "*", destination_port_range = "5061",
    source_address_prefix = "10.0.0.0/24", destination_address_prefix = "10.0.1.4"
  }]
}
resource "azurerm_network_security_rule" "x" {
  name = "https", priority = 200, direction = "Inbound", access = "Allow", protocol = "Tcp"
  source_port_range = "*"
  destination_port_range = "443"
  source_address_prefix = "*"
  destination_address_prefix = "*"
  network_security_group_name = data.azurerm_network_security_group.shared.name
}
`.replace('name = "https", priority = 200, direction = "Inbound", access = "Allow", protocol = "Tcp"', 'name = "https"\n  priority = 200\n  direction = "Inbound"\n  access = "Allow"\n  protocol = "Tcp"');
  const r = parseAzureTerraform(tf, 'fe.tf', { virtualNetwork: ['10.0.0.0/16'] });
  assert.deepEqual(policy(r.policies, 'azurerm_network_security_group.fe fe-nsg Inbound').rules.slice(0, 2).map(brief), [
    'accept ipv4 TCP 10.0.0.0/24:any > 10.0.1.4:5061', 'accept ipv4 any 10.0.0.0/16:any > 10.0.0.0/16:any',
  ]);
  assert.equal(brief(policy(r.policies, 'data.azurerm_network_security_group.shared.name Inbound').rules[0]!), 'accept any TCP any:any > any:443');
  assert.deepEqual(r.warnings.map((x) => x.message), ['network security group data.azurerm_network_security_group.shared.name is not declared in this file; its rules form a group of their own']);
});

test('azure-terraform: bad input is an InputError with file:line:col', () => {
  const rule = (body: string) => `resource "azurerm_network_security_rule" "r" {\n  network_security_group_name = "n"\n${body}}\n`;
  const ok = '  name = "a"\n  priority = 100\n  direction = "Inbound"\n  access = "Allow"\n  protocol = "Tcp"\n  source_address_prefix = "*"\n  destination_address_prefix = "*"\n';
  assertInputError(() => parseAzureTerraform(rule(ok.replace('100', '"high"')), 'a.tf'), 'a.tf', 4, 14, /priority must be an integer/);
  assertInputError(() => parseAzureTerraform(rule(ok.replace('"Inbound"', '"Sideways"')), 'b.tf'), 'b.tf', 5, 15, /direction must be Inbound or Outbound/);
  assertInputError(() => parseAzureTerraform(rule(ok + '  destination_port_range = "70000"\n'), 'c.tf'), 'c.tf', 1, 1, /invalid port range '70000'/);
  assertInputError(() => parseAzureTerraform(rule(ok + '  name = "b"\n'), 'd.tf'), 'd.tf', 10, 3, /attribute name is set twice/);
  const two = `resource "azurerm_network_security_group" "n" {\n  name = "n"\n  security_rule {\n${ok}  }\n  security_rule {\n${ok.replace('"a"', '"b"')}  }\n}\n`;
  assertInputError(() => parseAzureTerraform(two, 'e.tf'), 'e.tf', 12, 3, /rules a and b share priority 100 \(Inbound\)/);
});

// ---- round trip: render --target azure, read back, compare with the flows ----------------------

const EXAMPLES = readdirSync('examples').filter((f) => f.endsWith('.yaml')).sort();

/** First match: the Allow rules ahead of the first deny-all decide; nothing behind it can accept. */
function accepted(p: Policy): TupleBox[] {
  const stop = p.rules.findIndex((r) => r.action !== 'accept');
  assert.ok(stop >= 0, `${p.firewall}: a deny rule`);
  const deny = p.rules[stop]!;
  assert.ok(deny.source.any && deny.destination.any && deny.sourcePorts.any && deny.destinationPorts.any && deny.transport === 'any' && deny.family === 'any',
    `${p.firewall}: the first deny rule (${deny.comment}) denies everything`);
  assert.match(deny.comment, /^portolan-deny-all-(in|out)bound$/, `${p.firewall}: Portolan's closing rule, ahead of Azure's defaults`);
  return expandPolicy({ ...p, rules: p.rules.slice(0, stop) });
}

test('azure-terraform: every example rendered for azure reads back as exactly its flows', () => {
  let files = 0;
  for (const example of EXAMPLES) {
    const topology = loadTopology(`examples/${example}`);
    const flows = compileFlows(topology);
    for (const f of renderAll(topology, 'azure').files) {
      assert.equal(f.file, `${f.firewall}.tf`);
      const r = parseAzureTerraform(f.content, `${example}/${f.file}`, { virtualNetwork: ['10.255.0.0/16'] });
      assert.deepEqual(r.warnings, [], `${example} ${f.file}: no warnings`);
      assert.deepEqual(r.policies.map((p) => p.firewall.replace(/\.\S+ \S+ /, '.* * ')), ['azurerm_network_security_group.* * Inbound', 'azurerm_network_security_group.* * Outbound']);
      const cmp = compareBoxes(r.policies.flatMap(accepted), expandFlows(flows.filter((x) => x.firewall === f.firewall)));
      assert.deepEqual(cmp.missing.map(formatBox), [], `${example} ${f.file}: nothing of the flows missing`);
      assert.deepEqual(cmp.excess.map(formatBox), [], `${example} ${f.file}: nothing beyond the flows`);
      files++;
    }
  }
  assert.ok(files >= 16, `${files} files`);
});
