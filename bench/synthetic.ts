// A synthetic large deployment for benchmarks: E edge pools × N nodes (DNS load balanced, IPv4
// and IPv6 on every interface) and P Front End pools × S servers, as topology YAML text.

export function syntheticTopology(edgePools: number, nodes: number, fePools: number, servers: number): string {
  const lines = [
    'version: lync2013',
    'sipDomains: [contoso.com]',
    'features: { remoteUserAccess: true, sipFederation: true, federationPartners: [ocs2007, ocs2007r2, lync2010, lync2013], publicImConnectivity: true, xmppFederation: true, multipleEdgePools: true, centralizedLogging: true }',
    'edgePools:',
  ];
  for (let e = 0; e < edgePools; e++) {
    lines.push(`  - name: edge${e}`, '    loadBalancing: dns', `    nextHop: pool${e % Math.max(fePools, 1)}`, '    nodes:');
    for (let n = 0; n < nodes; n++) {
      const x = e * 16 + n + 1; // unique per node
      const v4 = (o: number) => `100.${64 + o}.${Math.floor(x / 250)}.${(x % 250) + 1}`;
      const v6 = (o: number) => `2001:db8:${o}:${e.toString(16)}::${(n + 1).toString(16)}`;
      lines.push(
        `      - name: e${e}n${n}`,
        `        external: { access: [${v4(0)}, "${v6(1)}"], webConferencing: [${v4(1)}, "${v6(2)}"], av: [${v4(2)}, "${v6(3)}"] }`,
        `        internal: [172.${16 + (e % 16)}.${n}.${e + 1}, "fd00:${e.toString(16)}::${(n + 1).toString(16)}"]`,
      );
    }
  }
  lines.push('frontEndPools:');
  for (let p = 0; p < fePools; p++) {
    lines.push(`  - name: pool${p}`, '    loadBalancing: hardware', `    vip: [10.${p}.255.1, "fd10:${p.toString(16)}::ffff"]`, '    centralManagementStore: ' + (p === 0), '    xmppGateway: true', '    servers:');
    for (let s = 0; s < servers; s++) lines.push(`      - { name: fe${p}s${s}, address: [10.${p}.0.${s + 1}, "fd10:${p.toString(16)}::${(s + 1).toString(16)}"] }`);
  }
  return lines.join('\n') + '\n';
}
