// Everything `check` and the change-request document report: the design lint of the topology
// and the limits of the names its DNS zones (named-checkzone) and certificate requests
// (openssl req) derive from it.
import { certificateNameFindings } from '../certs/limits.ts';
import { dnsNameFindings } from '../dns/limits.ts';
import { lintTopology, type Finding } from '../topology/lint.ts';
import type { Topology } from '../topology/model.ts';

export function lintAll(t: Topology): Finding[] {
  return [...lintTopology(t), ...dnsNameFindings(t), ...certificateNameFindings(t)].sort((a, b) => a.location.line - b.location.line || a.location.col - b.location.col);
}
