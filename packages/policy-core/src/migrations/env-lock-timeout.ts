import type { Range } from '../finding.js';
import { LineIndex } from '../text-position.js';
import { readMigrationModule } from './alembic-module.js';
import type { Located } from './located.js';
import { parsePythonText } from './python-parser.js';
import { decodePythonString } from './python-string.js';

/**
 * Whether Alembic's `env.py` turns `lock_timeout` on for every migration it runs: a string in it
 * that sets the setting to something other than 0, whichever way teams write it:
 * `connection.execute(text("SET lock_timeout = '5s'"))`, `connect_args={"options": "-c
 * lock_timeout=5000"}`, `set_config('lock_timeout', '5s', false)`. Only string literals count:
 * a comment or a variable name that mentions the setting does not set it.
 */
export interface EnvLockTimeout {
  /** Where env.py sets it, when it does. */
  setAt?: Range;
  /** env.py does not parse: nothing in it is known to run. */
  syntaxError?: Located<string>;
}

const SETTING =
  /(?:\bSET\s+(?:SESSION\s+|LOCAL\s+)?lock_timeout\s*(?:=|\bTO\b)|-c\s*lock_timeout\s*=|set_config\s*\(\s*'lock_timeout'\s*,)\s*'?\s*([^'\s,;)]+)/i;

/** A value that turns the timeout on: not 0 (in any unit), not DEFAULT. */
export function timeoutValueOn(value: string): boolean {
  return !/^(0+(\.0+)?\s*(ms|s|min|h|d)?|default)$/i.test(value.trim());
}

export function readEnvLockTimeout(path: string, text: string): EnvLockTimeout {
  const module = readMigrationModule(path, text);
  if (module.syntaxError) return { syntaxError: module.syntaxError };
  if (!text.includes('lock_timeout')) return {};
  const lines = new LineIndex(text);
  const tree = parsePythonText(text);
  let setAt: Range | undefined;
  tree.iterate({
    enter: (n) => {
      if (setAt) return false;
      if (n.name !== 'String') return undefined;
      const decoded = decodePythonString(text.slice(n.from, n.to), n.from);
      const m = decoded ? SETTING.exec(decoded.value) : null;
      if (m && timeoutValueOn(m[1] as string)) setAt = lines.range(n.from, n.to);
      return false;
    },
  });
  return setAt ? { setAt } : {};
}
