import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll } from 'vitest';

/**
 * pnpm itself as the oracle: whether `pnpm install --frozen-lockfile` accepts a lock beside its
 * manifests, and pnpm's error code when it does not. The pnpm on PATH (CI installs pnpm 10):
 * `--lockfile-only --offline` reads no registry and writes nothing; a pnpm the root names in
 * `packageManager` is not switched to, so these files are judged as that pnpm reads them.
 */
const work: string[] = [];
afterAll(() => {
  for (const d of work) rmSync(d, { recursive: true, force: true });
});
const run = promisify(execFile);

export async function pnpmFrozenInstall(files: Record<string, string>): Promise<'ok' | string> {
  const dir = mkdtempSync(join(tmpdir(), 'pnpm-oracle-'));
  work.push(dir);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  const args = ['install', '--frozen-lockfile', '--lockfile-only', '--offline', '--ignore-scripts'];
  const env = {
    ...process.env,
    npm_config_update_notifier: 'false',
    npm_config_manage_package_manager_versions: 'false',
  };
  return run('pnpm', args, { cwd: dir, env }).then(
    () => 'ok',
    (e: { stdout?: string; stderr?: string }) =>
      /ERR_PNPM_[A-Z_]+/.exec(`${e.stdout ?? ''}${e.stderr ?? ''}`)?.[0] ?? 'failed',
  );
}
