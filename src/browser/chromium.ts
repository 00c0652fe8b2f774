// The system's Chromium, headless: it rasterises diagrams (SVG → PNG) and drives the planner's
// end-to-end tests. Never downloaded: Debian's `chromium` package, or PORTOLAN_CHROMIUM.
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync, copyFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.ts';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Flags for a quiet, offline, throwaway browser (no sandbox: tests run as root in containers). */
export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--hide-scrollbars', '--disable-dev-shm-usage',
];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const c of [env.PORTOLAN_CHROMIUM, ...CANDIDATES]) {
    if (!c) continue;
    try { accessSync(c, constants.X_OK); return c; } catch { /* next */ }
  }
  return undefined;
}

/** Rasterises an SVG (with width/height attributes) to a PNG at twice its size. */
export async function svgToPng(svg: string, out: string): Promise<void> {
  const browser = findChromium();
  if (!browser) throw new InputError('PNG needs Chromium (Debian: apt-get install chromium; or set PORTOLAN_CHROMIUM); write .svg instead', { file: out, line: 1, col: 1 });
  const m = /<svg[^>]*\swidth="(\d+)"[^>]*\sheight="(\d+)"/.exec(svg);
  const [w, h] = m ? [Number(m[1]), Number(m[2])] : [1600, 1000];
  const dir = mkdtempSync(join(tmpdir(), 'portolan-png-'));
  try {
    writeFileSync(join(dir, 'diagram.html'), `<!DOCTYPE html><html><head><meta charset="utf-8"><style>html,body{margin:0;background:#fff}</style></head><body>${svg}</body></html>`);
    await new Promise<void>((resolve, reject) => {
      execFile(browser, [...CHROMIUM_FLAGS, `--user-data-dir=${join(dir, 'profile')}`, '--force-device-scale-factor=2', `--window-size=${w},${h}`,
        `--screenshot=${join(dir, 'diagram.png')}`, `file://${join(dir, 'diagram.html')}`], { timeout: 120_000 }, (err, _o, stderr) => {
        if (err) reject(new InputError(`Chromium could not rasterise the diagram: ${(stderr || err.message).split('\n').find((l) => l.trim()) ?? err.message}`, { file: out, line: 1, col: 1 }));
        else resolve();
      });
    });
    // Same filesystem rename when possible; the temp dir may be elsewhere.
    const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
    copyFileSync(join(dir, 'diagram.png'), tmp);
    renameSync(tmp, out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
