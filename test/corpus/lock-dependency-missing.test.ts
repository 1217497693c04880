import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryRepo, parsePolicyText, readTomlLockEntries, runCheck } from '@slipway/policy-core';
import { expect } from 'vitest';
import { CORPUS_DIR, describeWithData, itWithData } from './corpus-dir.js';

/**
 * DEP018 on real locks (the shared corpus's uv.lock and poetry.lock files, read in place): a lock
 * uv or Poetry wrote pins every package its entries need, so the rule finds nothing there (no
 * false alarm); with one entry another needs cut out by hand, it names that package.
 */
const KINDS = [
  { dir: 'uv-lock', lock: 'uv.lock', format: 'uv' as const },
  { dir: 'poetry-lock', lock: 'poetry.lock', format: 'poetry' as const },
];

/** The lock without the `[[package]]` table of `name` (as a hand edit would leave it). */
function cut(text: string, name: string): string {
  const blocks = text.split(/\n(?=\[\[package\]\]\n)/);
  return blocks.filter((b) => !new RegExp(`^\\[\\[package\\]\\]\\nname = "${name}"\\n`).test(b)).join('\n');
}

const dep018 = (files: Record<string, string>, lock: string) => {
  const text = `version: 1\ndependencies:\n  requirements: pyproject.toml\n  lock: ${lock}\n  mode: superset\n`;
  const policy = parsePolicyText(text).document;
  if (!policy) throw new Error('policy');
  return runCheck({ policy, repo: new MemoryRepo({ 'slipway.yaml': text, ...files }) })
    .findings.filter((f) => f.rule === 'DEP018')
    .map((f) => f.message);
};

for (const kind of KINDS) {
  const root = join(CORPUS_DIR, kind.dir);
  describeWithData(`DEP018 on the real ${kind.lock} files`, root, () => {
    for (const project of readdirSync(root).sort()) {
      const dir = join(root, project);
      itWithData(
        `${project}: nothing on the lock as written; the entry another needs, cut out, is named`,
        dir,
        () => {
          const lockText = readFileSync(join(dir, kind.lock), 'utf8');
          const files = {
            'pyproject.toml': readFileSync(join(dir, 'pyproject.toml'), 'utf8'),
            [kind.lock]: lockText,
          };
          expect(dep018(files, kind.lock)).toEqual([]);
          // The first entry (in lock order) that another entry needs: a transitive pin.
          const { entries } = readTomlLockEntries(kind.lock, lockText, kind.format);
          const needed = new Set(entries.flatMap((e) => e.needs ?? []));
          const victim = entries.find((e) => needed.has(e.key));
          if (!victim) throw new Error(`${project}: no entry of ${kind.lock} is needed by another`);
          const edited = cut(lockText, victim.name);
          expect(edited.length).toBeLessThan(lockText.length);
          const found = dep018({ ...files, [kind.lock]: edited }, kind.lock);
          expect(found.length).toBeGreaterThan(0);
          for (const m of found) expect(m).toContain(`\`${victim.key}\``);
        },
      );
    }
  });
}
