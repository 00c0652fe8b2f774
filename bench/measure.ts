// Timing helpers for the benchmarks: median of repeated runs, after one warm-up.

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function time<T>(fn: () => T, runs: number): { median_ms: number; result: T } {
  let result = fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    result = fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { median_ms: Math.round(median(ms) * 100) / 100, result };
}
