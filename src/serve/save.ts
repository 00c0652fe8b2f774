// Saving the edited topology: only to the file the planner was started with, atomically, and
// never over a file someone changed on disk since the planner read it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.ts';
import { writeFileAtomic } from '../files.ts';

export const digest = (text: string) => createHash('sha256').update(text).digest('hex');

export type SaveResult = { ok: true; digest: string } | { ok: false; status: 409 | 500; reason: string };

/** Writes `text` to `file` when the file still has the content whose digest is `base`. */
export function saveTopology(file: string, text: string, base: string): SaveResult {
  let onDisk: string;
  try { onDisk = readFileSync(file, 'utf8'); } catch (e) {
    return { ok: false, status: 409, reason: `cannot read ${file} to check it: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  if (digest(onDisk) !== base) return { ok: false, status: 409, reason: `${file} changed on disk since the planner loaded it; not overwritten (reload to see the change)` };
  try {
    writeFileAtomic(file, text);
  } catch (e) {
    // writeFileAtomic says what failed and why (full disk, read-only filesystem, …).
    return { ok: false, status: 500, reason: e instanceof InputError ? e.message : `cannot write ${file}: ${(e as Error).message}` };
  }
  return { ok: true, digest: digest(text) };
}
