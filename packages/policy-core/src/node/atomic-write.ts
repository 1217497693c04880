import { closeSync, fsync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { readText } from './read-text.js';

function fsyncDir(dir: string): void {
  // A rename is durable only once the directory entry is; some platforms refuse to open a
  // directory for fsync (Windows), and there the rename itself is the best we get.
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // best effort, see above
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const fsyncAsync = promisify(fsync);

/** fsyncDir, on libuv's threads: several directories at once. */
async function fsyncDirAsync(dir: string): Promise<void> {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    await fsyncAsync(fd);
  } catch {
    // best effort, as fsyncDir
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A temp file beside `path`, in its directory (same file system: the rename is atomic). */
const tempBeside = (path: string) =>
  join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);

/**
 * `err` (a file system error) naming the file at `path`, not the temp file beside it, so that the
 * one line a user reads says which file failed.
 */
function naming(err: unknown, path: string): unknown {
  if (err && typeof err === 'object' && 'code' in err) Object.assign(err, { path });
  return err;
}

/**
 * writeFileAtomic for several files at once (`check --fix` rewriting twenty migrations): each file
 * is still replaced whole (old or new, never torn), but their fsyncs run together on libuv's
 * threads, where the file system commits them in one go, and each directory is synced once after
 * its renames, not once per file. A failure before the renames leaves every file as it was.
 */
export async function writeFilesAtomic(
  files: readonly { path: string; text: string; check?: (fd: number) => void }[],
): Promise<void> {
  const open: { fd: number; tmp: string; path: string }[] = [];
  try {
    for (const f of files) {
      try {
        const tmp = tempBeside(f.path);
        const fd = openSync(tmp, 'wx', 0o644);
        open.push({ fd, tmp, path: f.path });
        f.check?.(fd);
        writeSync(fd, f.text);
      } catch (err) {
        throw naming(err, f.path);
      }
    }
    await Promise.all(
      open.map((o) =>
        fsyncAsync(o.fd).catch((err: unknown) => {
          throw naming(err, o.path);
        }),
      ),
    );
  } catch (err) {
    for (const o of open) {
      closeSync(o.fd);
      rmSync(o.tmp, { force: true });
    }
    throw err;
  }
  for (const o of open) closeSync(o.fd);
  for (const [i, o] of open.entries()) {
    try {
      renameSync(o.tmp, o.path);
    } catch (err) {
      // The ones renamed stand (each whole); the rest are left as they were.
      for (const rest of open.slice(i)) rmSync(rest.tmp, { force: true });
      throw naming(err, o.path);
    }
  }
  await Promise.all([...new Set(open.map((o) => dirname(o.path)))].map(fsyncDirAsync));
}

/**
 * Replaces `path` with `text` so that a reader (or a crash) sees the old file or the new one,
 * never a mix: write a temp file in the same directory (same file system, so rename is
 * atomic), fsync it, rename it over the target, fsync the directory. `check` (the confined
 * writer's) looks at the open temp file before a byte is written and throws to refuse it.
 */
export function writeFileAtomic(path: string, text: string | Uint8Array, check?: (fd: number) => void): void {
  const dir = dirname(path);
  const tmp = tempBeside(path);
  const fd = openSync(tmp, 'wx', 0o644);
  try {
    check?.(fd);
    if (typeof text === 'string') writeSync(fd, text);
    else writeSync(fd, text);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDir(dir);
}

/**
 * Appends `text` and fsyncs before returning, so an acknowledged audit entry survives a crash.
 * `flags` and `check`: the confined writer's (no link followed, no FIFO waited for, and a look
 * at the open file before a byte is written).
 */
export function appendDurable(
  path: string,
  text: string,
  flags?: number,
  check?: (fd: number) => void,
): void {
  const fd = openSync(path, flags ?? 'a', 0o644);
  try {
    check?.(fd);
    // One write call: a kill between two writes would tear the line.
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  fsyncDir(dirname(path));
}

export function readTextIfExists(path: string): string | undefined {
  try {
    return readText(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
