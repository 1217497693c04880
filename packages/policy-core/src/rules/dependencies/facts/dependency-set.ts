import TOML from '@iarna/toml';
import { detectLockFormat, isNpmFormat } from '../../../requirements/dependency-file-names.js';
import { parseRequirementsFile } from '../../../requirements/requirements-file.js';
import type { Env } from '../../../requirements/line-reader.js';
import { canonicalJson } from '../../../requirements/npm/json-members.js';
import { readNpmManifest } from '../../../requirements/npm/npm-manifest.js';
import { readNpmFamilyLock } from '../../../requirements/npm/npm-lock-entries.js';

/**
 * What a dependency file asks pip (or uv, poetry) to install, in a form where comments,
 * headers, ordering and whitespace do not show: DEP006 with `label_when: set-changed` compares
 * this between base and head.
 */
export function dependencySetSignature(path: string, text: string, env: Env): string {
  const format = detectLockFormat(path);
  if (path === 'package.json' || path.endsWith('/package.json')) {
    const m = readNpmManifest(text);
    if (m.error) return `invalid:${text}`;
    return JSON.stringify([
      m.declared.map((d) => `${d.section}|${d.name}|${d.spec}`).sort(),
      m.overrides.map((o) => `${o.key}=${canonicalJson(o.text)}`),
    ]);
  }
  if (isNpmFormat(format)) {
    const lock = readNpmFamilyLock(text, format);
    if (lock.error) return `invalid:${text}`;
    const items = lock.packages.map(
      (p) => `${p.name}@${p.version ?? ''} ${p.resolved ?? ''} ${p.installScript}`,
    );
    for (const i of lock.importers.values())
      for (const [name, d] of i.deps) items.push(`importer ${i.path} ${d.section} ${name} ${d.spec}`);
    return JSON.stringify(items.sort());
  }
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
