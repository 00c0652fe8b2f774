// Test support: the planner's front end built from web/src, Debian's Chromium driven by
// playwright-core (never a downloaded browser), and the artifacts folder for screenshots.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, findChromium } from '../../src/browser/chromium.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
/** Screenshots for people to look at (gitignored). */
export const ARTIFACTS = join(ROOT, 'test-artifacts');

let built = false;
export function buildWeb(): void {
  if (built) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-web.mjs')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`web build failed: ${r.stderr}`);
  built = true;
}

export interface Browser { context: BrowserContext; close(): Promise<void> }

export async function launch(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium is missing: scripts/install-test-deps.sh installs Debian\'s chromium');
  const profile = mkdtempSync(join(tmpdir(), 'portolan-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath, headless: true, acceptDownloads: true, args: CHROMIUM_FLAGS.filter((f) => f !== '--headless'),
    viewport: { width: 1600, height: 1000 },
  });
  return { context, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}

/** Every console error and uncaught exception of a page, to assert there are none. */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

export function artifact(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}
