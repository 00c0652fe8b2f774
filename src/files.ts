// Writing files and directories of files so a failure never leaves half of one: the CLI's outputs
// (a file, or a directory as one generation) and the planner's save. A failure (a directory
// where a file should be, a read-only or full filesystem) is an input error (exit 2) with the
// reason, and leaves no temporary file behind; a reader never sees half of a write.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from './errors.ts';

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the filesystem is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EEXIST: 'it exists and is not a directory',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'input/output error',
};

function failure(path: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (e instanceof InputError) return e;
  return new InputError(`cannot write ${path}: ${code ? `${REASONS[code] ?? code} (${code})` : (e as Error).message}`);
}

const kindOf = (path: string): 'file' | 'directory' | 'other' | undefined => {
  try {
    const s = statSync(path);
    return s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'other';
  } catch {
    return undefined;
  }
};

/** Writes all of content to a new file and flushes it, so that a rename publishes it whole. */
function writeNew(path: string, content: string): void {
  const fd = openSync(path, 'wx', 0o644);
  try {
    const buf = Buffer.from(content);
    for (let at = 0; at < buf.length; ) at += writeSync(fd, buf, at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const tmpName = (path: string, what: string) => join(dirname(path), `.${basename(path)}.portolan-${process.pid}-${Date.now().toString(36)}.${what}`);

/** Writes a file atomically (temp file + rename): the old content or the new, never a mix. */
export function writeFileAtomic(path: string, content: string): void {
  const kind = kindOf(path);
  if (kind === 'directory') throw new InputError(`cannot write ${path}: it is a directory (give a file name)`);
  if (kind === 'other') throw new InputError(`cannot write ${path}: it is not a regular file`);
  let tmp: string | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true });
    tmp = tmpName(path, 'tmp');
    writeNew(tmp, content);
    renameSync(tmp, path);
    tmp = undefined;
  } catch (e) {
    throw failure(path, e);
  } finally {
    if (tmp) rmSync(tmp, { force: true });
  }
}

/** The list of files a directory generation holds, and what wrote them. */
export const MANIFEST = '.portolan-manifest.json';

export interface Manifest {
  /** What wrote the generation, e.g. `render examples/x.yaml --target nftables`. */
  writtenBy: string;
  files: string[];
}

export interface GenerationReport {
  /** Files of the previous generation this one does not have (removed with it). */
  stale: { file: string; writtenBy: string }[];
  /** Files in the directory no generation wrote (kept as they were). */
  kept: string[];
}

function readManifest(dir: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Manifest;
    return Array.isArray(m.files) && typeof m.writtenBy === 'string' ? m : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes files into dir as one generation: all of them into a temporary directory beside it,
 * then swapped in by renames, so that the directory holds either the old set or the new one.
 * Files of the previous generation that the new one lacks (another topology's firewalls) go
 * with it and are reported; files no generation wrote are carried over and reported.
 */
export function writeGeneration(dir: string, files: readonly { file: string; content: string }[], writtenBy: string): GenerationReport {
  recoverInterrupted(dir);
  const kind = kindOf(dir);
  if (kind !== undefined && kind !== 'directory') throw new InputError(`cannot write into ${dir}: it exists and is not a directory`);
  const parent = dirname(dir);
  const tmp = tmpName(dir, 'tmp');
  const old = tmpName(dir, 'old');
  let made = false;
  const report: GenerationReport = { stale: [], kept: [] };
  try {
    mkdirSync(parent, { recursive: true });
    mkdirSync(tmp);
    made = true;
    for (const f of files) writeNew(join(tmp, f.file), f.content);
    writeNew(join(tmp, MANIFEST), JSON.stringify({ writtenBy, files: files.map((f) => f.file) } satisfies Manifest, null, 2) + '\n');
    if (kind === undefined) {
      renameSync(tmp, dir);
      made = false;
      return report;
    }
    const previous = readManifest(dir);
    const ours = new Set(files.map((f) => f.file));
    for (const entry of readdirSync(dir).sort()) {
      if (entry === MANIFEST || ours.has(entry)) continue;
      if (previous?.files.includes(entry)) report.stale.push({ file: entry, writtenBy: previous.writtenBy });
      else {
        renameSync(join(dir, entry), join(tmp, entry));
        report.kept.push(entry);
      }
    }
    renameSync(dir, old);
    try {
      renameSync(tmp, dir);
      made = false;
    } catch (e) {
      renameSync(old, dir);
      throw e;
    }
    rmSync(old, { recursive: true, force: true });
    return report;
  } catch (e) {
    // Files carried over go back where they were.
    if (made) for (const k of report.kept) try { renameSync(join(tmp, k), join(dir, k)); } catch { /* left in place */ }
    throw failure(dir, e);
  } finally {
    if (made) rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * A write killed between its two renames leaves the old generation beside the directory: put
 * it back. Temporary directories of writers no longer running are removed.
 */
function recoverInterrupted(dir: string): void {
  const parent = dirname(dir);
  const prefix = `.${basename(dir)}.portolan-`;
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return;
  }
  for (const e of entries.sort()) {
    if (!e.startsWith(prefix)) continue;
    const pid = Number(e.slice(prefix.length).split('-')[0]);
    if (pid === process.pid || processAlive(pid)) continue;
    const path = join(parent, e);
    if (e.endsWith('.old') && !existsSync(dir)) renameSync(path, dir);
    else rmSync(path, { recursive: true, force: true });
  }
}

/** Whether a process with this id runs (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
