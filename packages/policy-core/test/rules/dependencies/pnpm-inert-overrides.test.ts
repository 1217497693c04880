import { describe, expect, it } from 'vitest';
import { changeFrom, check, npmFixture } from './helpers.js';

/**
 * DEP017 flags an agent's new or changed override, which it said "replaces packages everywhere in
 * the tree". In a pnpm pair that was untrue of a field pnpm does not read
 * (facts/pnpm-overrides-read.ts): package.json's `pnpm.overrides` and `resolutions` under pnpm 11
 * (pnpm 11.22.0 warns "The "pnpm" field in package.json is no longer read by pnpm" and installs
 * without them), npm's top-level `overrides` under any pnpm, pnpm-workspace.yaml's `overrides`
 * beside the root's map before pnpm 11. Such a block is still flagged, as it takes effect where it
 * is read (a `packageManager` moved back to pnpm 10, another package manager), but the finding
 * says plainly that pnpm does not read it now.
 */
type Files = Record<string, string>;
const P10 = npmFixture('pnpm-overrides');
const P11 = npmFixture('pnpm11-overrides');
const WS = 'pnpm-workspace.yaml';
const POLICY = (lock: string) =>
  `version: 1\nagents:\n  limits:\n    new_dependencies: 10\ndependencies:\n  requirements: package.json\n  lock: ${lock}\n`;

const edit = (files: Files, path: string, from: string, to: string): Files => {
  const text = files[path] as string;
  if (!text.includes(from)) throw new Error(`${path}: no ${from}`);
  return { ...files, [path]: text.replace(from, to) };
};
const dep017 = (head: Files, base: Files, lock = 'pnpm-lock.yaml') =>
  check(
    { ...head, 'slipway.yaml': POLICY(lock) },
    { change: { ...changeFrom(head, base), branch: 'copilot/pin-deps' } },
  )
    .findings.filter((f) => f.rule === 'DEP017')
    .map((f) => `${f.file}:${f.range.start.line + 1} ${f.message}`);
const addToRoot = (files: Files, field: string) =>
  edit(files, 'package.json', '"private": true,', `"private": true,\n  ${field},`);
const REPLACES = 'which replaces packages everywhere in the tree; have a human review it, or drop it.';

describe('DEP017: an override block pnpm does not read', () => {
  it('`pnpm.overrides` under pnpm 11: flagged, and said to be unread by pnpm 11', () => {
    const head = addToRoot(P11, '"pnpm": { "overrides": { "semver": "7.5.0" } }');
    expect(dep017(head, P11)).toEqual([
      'package.json:4 this agent change adds `pnpm.overrides` in package.json, which pnpm does not read: pnpm 11, the version the root package.json names, reads overrides from pnpm-workspace.yaml only. It overrides nothing now, and would wherever it is read; drop it, or have a human review it.',
    ]);
  });

  it("npm's `overrides` in a pnpm pair, under pnpm 10 or 11", () => {
    const said = (base: Files) => dep017(addToRoot(base, '"overrides": { "ms": "2.0.0" }'), base);
    const clause = "which pnpm does not read: pnpm reads no top-level `overrides` (npm's field)";
    expect(said(P10)[0]).toContain(clause);
    expect(said(P11)[0]).toContain(clause);
  });

  it("a workspace package's `pnpm.overrides`: pnpm reads the root package.json's only", () => {
    const web = 'packages/web/package.json';
    const head = edit(
      P10,
      web,
      '"version": "1.0.0",',
      '"version": "1.0.0",\n  "pnpm": { "overrides": { "ms": "2.0.0" } },',
    );
    expect(dep017(head, P10)[0]).toContain(
      `in ${web}, which pnpm does not read: pnpm reads overrides from the root package.json only.`,
    );
  });

  it("pnpm-workspace.yaml's `overrides` beside the root's `pnpm.overrides`, before pnpm 11", () => {
    expect(dep017(edit(P10, WS, 'ms: 2.1.2', 'ms: 2.1.1'), P10)).toEqual([
      `${WS}:4 this agent change changes \`overrides\` in ${WS}, which pnpm does not read: pnpm before 11 reads the root package.json's \`resolutions\` and \`pnpm.overrides\` instead, which replace this file's \`overrides\` whole. It overrides nothing now, and would wherever it is read; drop it, or have a human review it.`,
    ]);
  });

  it('near miss: an override pnpm reads keeps the old message', () => {
    expect(dep017(edit(P11, WS, 'ms: 2.1.2', 'ms: 2.1.1'), P11)).toEqual([
      `${WS}:4 this agent change changes \`overrides\` in ${WS}, ${REPLACES}`,
    ]);
    expect(dep017(edit(P10, 'package.json', '"semver": "7.5.0"', '"semver": "7.5.1"'), P10)).toEqual([
      `package.json:8 this agent change changes \`pnpm.overrides\` in package.json, ${REPLACES}`,
    ]);
    const npm = npmFixture('npm-workspaces');
    expect(dep017(addToRoot(npm, '"overrides": { "ms": "2.0.0" }'), npm, 'package-lock.json')).toEqual([
      `package.json:4 this agent change adds \`overrides\` in package.json, ${REPLACES}`,
    ]);
  });
});
