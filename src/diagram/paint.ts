// Audit results painted onto the diagram: required flows a configuration blocks, and the
// firewalls whose configuration allows more than the documents require.
import type { AuditReport } from '../audit/run.ts';
import type { Flow } from '../flows/types.ts';

export interface Paint {
  /** Required flows (the very objects the diagram was drawn from) not fully allowed. */
  blocked: Set<Flow>;
  /** Firewall node id (`fw-external`) → what is over-permissive there. */
  overPermissive: Map<string, string>;
}

export function paintFromAudit(reports: readonly AuditReport[]): Paint {
  const blocked = new Set<Flow>();
  const overPermissive = new Map<string, string>();
  for (const r of reports) {
    let over = 0, high = 0;
    for (const s of r.sections) {
      for (const v of s.result.flows) if (v.verdict !== 'allowed') blocked.add(v.flow);
      over += s.result.overPermissive.length;
      high += s.result.overPermissive.filter((o) => o.risk === 'high').length;
    }
    if (over > 0) overPermissive.set(`fw-${r.firewall}`, `${over} over-permissive rule range(s)${high ? `, ${high} high risk` : ''} in ${r.config}`);
  }
  return { blocked, overPermissive };
}
