// Builders for hand-made policies modelled on 002's reference architecture 1, shared by the
// renderer tests (the addresses are the ones test/policy/reference-flows.ts uses).
import type { AddressMatch, PortMatch } from '../../src/policy/types.ts';

export { ACCESS, ACCESS6, AV, EDGE_INT, FE, VIP, WEBCONF } from '../policy/reference-flows.ts';
export const DOC = '002';
export const EXT = 'External Ports Settings Required for Single Consolidated Edge Topology';
export const INT = 'Internal Ports Settings Required for Single Consolidated Edge Topology';

export type Ports = 'Any' | (number | [number, number])[];

export const addr = (a: 'Any' | string[], group?: string): AddressMatch =>
  a === 'Any' ? { any: true } : { any: false, addresses: a, ...(group ? { group } : {}) };

export const ports = (p: Ports, group?: string): PortMatch =>
  p === 'Any' ? { any: true } : { any: false, ports: p.map((x) => (typeof x === 'number' ? { from: x, to: x } : { from: x[0], to: x[1] })), ...(group ? { group } : {}) };
