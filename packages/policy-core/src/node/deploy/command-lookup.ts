import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/**
 * Why `program` could not be started from `cwd` with `PATH`, or undefined when it can: the
 * same answer spawn would give (ENOENT, EACCES), known before anything runs. A promote that
 * cannot start its deploy command has deployed nothing, so it is refused up front (and a dry
 * run says so) rather than failing half-way and alarming anyone about a rollback.
 */
export function unstartableReason(
  program: string,
  cwd: string,
  path: string | undefined,
): string | undefined {
  if (program === '') return 'the command is empty';
  if (program.includes('/') || isAbsolute(program)) return fileProblem(resolve(cwd, program), program);
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir === '') continue;
    if (fileProblem(join(dir, program), program) === undefined) return undefined;
  }
  return `${program} is not on PATH`;
}

function fileProblem(full: string, program: string): string | undefined {
  try {
    if (!statSync(full).isFile()) return `${program} is not a file`;
    accessSync(full, constants.X_OK);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'EACCES' ? `${program} is not executable (chmod +x it)` : `${program} does not exist`;
  }
}
