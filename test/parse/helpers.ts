// Shared by the parser tests: fixtures, real-tool dumps inside a throwaway network namespace.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.ts';
import type { Policy, PolicyRule } from '../../src/policy/types.ts';

export const fixture = (name: string) => `test/fixtures/configs/${name}`;
export const read = (name: string) => readFileSync(fixture(name), 'utf8');

/** Runs a shell script in a new, empty network namespace; undefined when unshare is not allowed. */
export function inNetns(script: string, input?: string): string | undefined {
  const r = spawnSync('unshare', ['--net', 'bash', '-c', script], { encoding: 'utf8', input });
  if (r.error || (r.status !== 0 && /unshare|Operation not permitted/.test(r.stderr))) return undefined;
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

export function policy(ps: Policy[], name: string): Policy {
  const p = ps.find((x) => x.firewall === name);
  assert.ok(p, `no policy ${name} in ${ps.map((x) => x.firewall).join(', ')}`);
  return p;
}

/** A compact, comparable view of a rule. */
export function brief(r: PolicyRule): string {
  const a = (m: PolicyRule['source']) => (m.any ? 'any' : m.addresses.join(','));
  const p = (m: PolicyRule['sourcePorts']) => (m.any ? 'any' : m.ports.map((x) => (x.from === x.to ? `${x.from}` : `${x.from}-${x.to}`)).join(','));
  return `${r.action} ${r.family} ${r.transport} ${a(r.source)}:${p(r.sourcePorts)} > ${a(r.destination)}:${p(r.destinationPorts)}`;
}

export function assertInputError(fn: () => unknown, file: string, line: number, col: number | undefined, msg: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof InputError, `expected InputError, got ${e}`);
    assert.equal(e.location?.file, file);
    assert.equal(e.location?.line, line, e.render());
    if (col !== undefined) assert.equal(e.location?.col, col, e.render());
    assert.match(e.message, msg);
    return true;
  });
}
