import {
  djangoSettingsEntryPoints,
  djangoSettingsModules,
  loadedSettingsModules,
} from '../../../migrations/django-settings-files.js';
import { readEnvLockTimeout } from '../../../migrations/env-lock-timeout.js';
import type { Range } from '../../../finding.js';
import type { MigFacts } from './mig-facts.js';

/** A settings module that sets lock_timeout for every connection. */
export interface SettingsLockTimeout {
  path: string;
  setAt: Range;
  /** Production is known to load it (django-settings-files.ts); else it may not, and MIG037 still speaks. */
  loaded: boolean;
}

/**
 * Where a Django project's settings turn `lock_timeout` on for every connection, as Alembic's env.py
 * can (env-lock-timeout.ts reads both the same way: only a string literal that sets it to something
 * other than 0, in a module that parses, e.g. `"OPTIONS": {"options": "-c lock_timeout=5000"}`);
 * a module production loads first; undefined when none does. Read once per check (the memo).
 */
export function djangoSettingsLockTimeout(facts: MigFacts): SettingsLockTimeout | undefined {
  const key = 'django-settings-lock-timeout';
  if (facts.memo.has(key)) return facts.memo.get(key) as SettingsLockTimeout | undefined;
  const repo = facts.ctx.repo;
  const files = repo.listFiles();
  const modules = djangoSettingsModules(files);
  const setting: { path: string; setAt: Range }[] = [];
  for (const path of modules) {
    const text = repo.readFile(path);
    if (text === undefined || !text.includes('lock_timeout')) continue;
    const read = readEnvLockTimeout(path, text);
    if (read.setAt) setting.push({ path, setAt: read.setAt });
  }
  let found: SettingsLockTimeout | undefined;
  if (setting.length > 0) {
    const loaded = loadedSettingsModules(modules, djangoSettingsEntryPoints(files), (p) => repo.readFile(p));
    const sure = setting.find((s) => loaded.has(s.path));
    found = sure ? { ...sure, loaded: true } : { ...setting[0]!, loaded: false };
  }
  facts.memo.set(key, found);
  return found;
}
