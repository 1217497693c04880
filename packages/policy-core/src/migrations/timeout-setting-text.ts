import type { Range } from '../finding.js';
import { LineIndex } from '../text-position.js';
import { readMigrationModule } from './alembic-module.js';
import type { Located } from './located.js';
import { parsePythonText } from './python-parser.js';
import { decodePythonString } from './python-string.js';
import { timeoutMs, timeoutValueOn } from '../postgres-time.js';

/** The timeout settings a migration's connection can carry, read the same way each. */
export type TimeoutSetting = 'lock_timeout' | 'statement_timeout';

/**
 * Whether a Python module that configures every migration's connection (Alembic's `env.py`, a
 * Django settings module) turns a timeout on: a string in it that sets the setting to something
 * other than 0, whichever way teams write it: `connection.execute(text("SET lock_timeout =
 * '5s'"))`, `connect_args={"options": "-c statement_timeout=5min"}`, `set_config('lock_timeout',
 * '5s', false)`. Only string literals count: a comment or a variable name that mentions the
 * setting does not set it.
 */
export interface TimeoutSettingText {
  /** Where the module sets it, when it does. */
  setAt?: Range;
  /** The value set there, in milliseconds, when it is a literal time. */
  ms?: number;
  /** The module does not parse: nothing in it is known to run. */
  syntaxError?: Located<string>;
}

const settingPattern = (setting: TimeoutSetting) =>
  new RegExp(
    `(?:\\bSET\\s+(?:SESSION\\s+|LOCAL\\s+)?${setting}\\s*(?:=|\\bTO\\b)|-c\\s*${setting}\\s*=|set_config\\s*\\(\\s*'${setting}'\\s*,)\\s*'?\\s*([^'\\s,;)]+)`,
    'i',
  );

export function readTimeoutSetting(path: string, text: string, setting: TimeoutSetting): TimeoutSettingText {
  const module = readMigrationModule(path, text);
  if (module.syntaxError) return { syntaxError: module.syntaxError };
  if (!text.includes(setting)) return {};
  const pattern = settingPattern(setting);
  const lines = new LineIndex(text);
  const tree = parsePythonText(text);
  let found: TimeoutSettingText = {};
  tree.iterate({
    enter: (n) => {
      if (found.setAt) return false;
      if (n.name !== 'String') return undefined;
      const decoded = decodePythonString(text.slice(n.from, n.to), n.from);
      const m = decoded ? pattern.exec(decoded.value) : null;
      const value = m?.[1] as string | undefined;
      if (value !== undefined && timeoutValueOn(value)) {
        const ms = timeoutMs(value);
        found = { setAt: lines.range(n.from, n.to), ...(ms !== undefined ? { ms } : {}) };
      }
      return false;
    },
  });
  return found;
}
