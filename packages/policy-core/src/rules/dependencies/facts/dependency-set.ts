import TOML from '@iarna/toml';
import { detectLockFormat } from '../../../requirements/lock-file.js';
import { parseRequirementsFile } from '../../../requirements/requirements-file.js';
import type { Env } from '../../../requirements/line-reader.js';

/**
 * What a dependency file asks pip (or uv, poetry) to install, in a form where comments,
 * headers, ordering and whitespace do not show: DEP006 with `label_when: set-changed` compares
 * this between base and head.
 */
export function dependencySetSignature(path: string, text: string, env: Env): string {
  const format = detectLockFormat(path);
  if (format !== 'requirements') {
    try {
      const data = TOML.parse(text) as { package?: unknown[] };
      return JSON.stringify((data.package ?? []).map((p) => JSON.stringify(p)).sort());
    } catch {
      return `invalid:${text}`;
    }
  }
  const file = parseRequirementsFile(path, text, { env });
  const items = file.requirements.map((r) =>
    [
      r.key ?? r.source,
      [...r.extras].sort().join(','),
      r.specifiers
        .map((s) => s.op + s.version)
        .sort()
        .join(','),
      r.url ?? '',
      r.markerText ?? '',
      r.editable ? 'e' : '',
      r.hashes
        .map((h) => `${h.algo}:${h.digest}`)
        .sort()
        .join(','),
    ].join('|'),
  );
  for (const o of file.options) items.push(`option ${o.name} ${o.value ?? ''}`);
  for (const p of file.problems) items.push(`problem ${p.line.text}`);
  return JSON.stringify(items.sort());
}
