import {
  djangoSettingsEntryPoints,
  djangoSettingsModules,
  loadedSettingsModules,
} from '../../../migrations/django-settings-files.js';
import { readTimeoutSetting, type TimeoutSetting } from '../../../migrations/timeout-setting-text.js';
import type { Range } from '../../../finding.js';
import type { MigFacts } from './mig-facts.js';

/** A settings module that sets a timeout for every connection. */
export interface SettingsTimeout {
  path: string;
  setAt: Range;
  /** The value set, in milliseconds, when it is a literal time. */
  ms?: number;
  /** Production is known to load it (django-settings-files.ts); else it may not, and MIG037 still speaks. */
  loaded: boolean;
}

/**
 * Where a Django project's settings turn `lock_timeout` (or `statement_timeout`) on for every
 * connection, as Alembic's env.py can (timeout-setting-text.ts reads both the same way: only a
 * string literal that sets it to something other than 0, in a module that parses, e.g.
 * `"OPTIONS": {"options": "-c lock_timeout=5000"}`);
 * a module production loads first; undefined when none does. Read once per check (the memo).
 */
export function djangoSettingsTimeout(
  facts: MigFacts,
  name: TimeoutSetting = 'lock_timeout',
): SettingsTimeout | undefined {
  const key = `django-settings-${name}`;
  if (facts.memo.has(key)) return facts.memo.get(key) as SettingsTimeout | undefined;
  const repo = facts.ctx.repo;
  const files = repo.listFiles();
  const modules = djangoSettingsModules(files);
  const setting: { path: string; setAt: Range; ms?: number }[] = [];
  for (const path of modules) {
    const text = repo.readFile(path);
    if (text === undefined || !text.includes(name)) continue;
    const { setAt, ms } = readTimeoutSetting(path, text, name);
    if (setAt) setting.push({ path, setAt, ...(ms !== undefined ? { ms } : {}) });
  }
  let found: SettingsTimeout | undefined;
  if (setting.length > 0) {
    const loaded = loadedSettingsModules(modules, djangoSettingsEntryPoints(files), (p) => repo.readFile(p));
    const sure = setting.find((s) => loaded.has(s.path));
    found = sure ? { ...sure, loaded: true } : { ...setting[0]!, loaded: false };
  }
  facts.memo.set(key, found);
  return found;
}
