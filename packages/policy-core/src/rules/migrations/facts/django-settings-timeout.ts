import { readEnvLockTimeout } from '../../../migrations/env-lock-timeout.js';
import type { Range } from '../../../finding.js';
import type { MigFacts } from './mig-facts.js';

/** Django settings modules: `settings.py`, or a module of a `settings/` package (`settings/production.py`). */
const SETTINGS = /(^|\/)(settings\.py|settings\/(?!_)[^/]+\.py)$/;
/** Settings for tests or local development say nothing about the connection production migrates on. */
const NOT_PRODUCTION =
  /(^|\/)(tests?|testing)\/|(^|\/)settings\/[^/]*(test|local|dev)[^/]*\.py$|test_settings/;
/** Enough settings modules for a project; a huge tree is not read file by file. */
const MAX_READ = 16;

/**
 * Where a Django project's settings turn `lock_timeout` on for every connection, as Alembic's env.py
 * can (env-lock-timeout.ts reads both the same way: only a string literal that sets it to something
 * other than 0, in a module that parses, e.g. `"OPTIONS": {"options": "-c lock_timeout=5000"}`);
 * undefined when none does. Read once per check (the memo).
 */
export function djangoSettingsLockTimeout(facts: MigFacts): { path: string; setAt: Range } | undefined {
  const key = 'django-settings-lock-timeout';
  if (facts.memo.has(key)) return facts.memo.get(key) as { path: string; setAt: Range } | undefined;
  let found: { path: string; setAt: Range } | undefined;
  const candidates = facts.ctx.repo
    .listFiles()
    .filter((f) => SETTINGS.test(f) && !NOT_PRODUCTION.test(f))
    .sort()
    .slice(0, MAX_READ);
  for (const path of candidates) {
    const text = facts.ctx.repo.readFile(path);
    if (text === undefined || !text.includes('lock_timeout')) continue;
    const read = readEnvLockTimeout(path, text);
    if (read.setAt) {
      found = { path, setAt: read.setAt };
      break;
    }
  }
  facts.memo.set(key, found);
  return found;
}
