// Timing helpers for the benchmarks: median of repeated runs, after one warm-up.

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** CPU time of this process so far (user + system), in ms. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Median wall time and median CPU time of `runs` calls after a warm-up. CPU time is what the
 * work costs even when the machine is shared (wall time then includes waiting for a core).
 */
export function time<T>(fn: () => T, runs: number): { median_ms: number; cpu_ms: number; result: T } {
  let result = fn();
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = cpuMs();
    const t0 = process.hrtime.bigint();
    result = fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    cpu.push(cpuMs() - c0);
  }
  return { median_ms: round2(median(ms)), cpu_ms: round2(median(cpu)), result };
}
