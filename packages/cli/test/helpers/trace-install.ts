import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '../../dist/slipway.mjs');
const modules = join(dirname(cli), '..', 'node_modules');

/**
 * The CLI's bundle copied beside a node_modules holding what `slipway trace` needs (PGlite, pg, the
 * SQL parser) and none of its optional renderers (Knex, Kysely): what an install that left them out
 * has. The caller may add a package of its own under `modules` (one that fails to load, say).
 */
export function traceInstallWithoutRenderers(): {
  bin: string;
  modules: string;
  env: NodeJS.ProcessEnv;
  dispose(): void;
} {
  const install = mkdtempSync(join(tmpdir(), 'slipway-trace-install-'));
  cpSync(dirname(cli), join(install, 'dist'), { recursive: true, filter: (from) => !from.endsWith('.map') });
  mkdirSync(join(install, 'node_modules', '@electric-sql'), { recursive: true });
  for (const dep of ['libpg-query', 'pg', '@electric-sql/pglite'])
    symlinkSync(realpathSync(join(modules, dep)), join(install, 'node_modules', dep));
  return {
    bin: join(install, 'dist', 'slipway.mjs'),
    modules: join(install, 'node_modules'),
    // Without the NODE_PATH pnpm's shims set (the workspace's store, Knex and Kysely in it), where
    // the script's `require` would look after the install's own node_modules: a user has none.
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_PATH')),
    dispose: () => rmSync(install, { recursive: true, force: true }),
  };
}
