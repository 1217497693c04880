import {
  readTimeoutSetting,
  type TimeoutSetting,
  type TimeoutSettingText,
} from '../../../migrations/timeout-setting-text.js';
import type { MigrationTree } from '../../../migrations/analyze.js';
import type { MigFacts } from './mig-facts.js';

/**
 * Alembic's `env.py` of a version folder: the folder's parent holds it in Alembic's layout
 * (`alembic/versions` → `alembic/env.py`); a folder that holds it itself is read too.
 */
export function envPathOf(tree: MigrationTree): string[] {
  const parent = tree.root.includes('/') ? tree.root.slice(0, tree.root.lastIndexOf('/')) : '';
  const inParent = parent === '' ? 'env.py' : `${parent}/env.py`;
  return [inParent, tree.root === '' ? 'env.py' : `${tree.root}/env.py`];
}

/** What the tree's env.py says about a timeout setting (read once per check, shared through the memo). */
export function envTimeout(
  facts: MigFacts,
  tree: MigrationTree,
  setting: TimeoutSetting = 'lock_timeout',
): (TimeoutSettingText & { path: string }) | undefined {
  const key = `env-${setting}:${tree.root}`;
  if (facts.memo.has(key)) return facts.memo.get(key) as (TimeoutSettingText & { path: string }) | undefined;
  let found: (TimeoutSettingText & { path: string }) | undefined;
  for (const path of envPathOf(tree)) {
    const text = facts.ctx.repo.readFile(path);
    if (text === undefined) continue;
    found = { path, ...readTimeoutSetting(path, text, setting) };
    break;
  }
  facts.memo.set(key, found);
  return found;
}
