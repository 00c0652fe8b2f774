// Everything `check` and the change-request document report: the design lint of the topology
// and the limits of the names the outputs derive from it.
import { lintTopology, type Finding } from '../topology/lint.ts';
import { nameLimitFindings } from './names.ts';

export function lintAll(t: Parameters<typeof lintTopology>[0]): Finding[] {
  return [...lintTopology(t), ...nameLimitFindings(t)].sort((a, b) => a.location.line - b.location.line || a.location.col - b.location.col);
}
