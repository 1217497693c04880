import { fstatSync, openSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRange } from '../read-range.js';

// A buffer big enough for `ls-files -z` of a huge monorepo. Every other fixed choice (the
// repository given explicitly, the hardening settings, the environment) is gitInvocation's.
export const MAX_GIT_OUTPUT = 1024 * 1024 * 1024;

/**
 * A new file only this process can read and write, unlinked at once: its descriptor. git writes
 * its output there instead of into a pipe, which holds 64 KB and then makes git wait until this
 * process reads — which it cannot do while it compiles modules at start-up.
 */
export function unlinkedFile(): number {
  const file = join(tmpdir(), `slipway-git-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const fd = openSync(file, 'wx+', 0o600);
  unlinkSync(file);
  return fd;
}

/** The whole of a file git wrote through `fd`, from its start; capped like a pipe's output. */
export function readWhole(fd: number): Buffer {
  const size = fstatSync(fd).size;
  if (size > MAX_GIT_OUTPUT)
    throw Object.assign(new Error('stdout maxBuffer length exceeded'), {
      code: 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER',
    });
  return readRange(fd, 0, size);
}
