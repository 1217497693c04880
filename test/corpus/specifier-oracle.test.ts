import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatVersion,
  parseRequirementsFile,
  parseVersion,
  readPyproject,
  readTomlLockEntries,
  satisfiesAll,
} from '@slipway/policy-core';
import { PYTHON } from '../helpers/python.js';
import { CORPUS_DIR, describeWithData } from './corpus-dir.js';

/**
 * DEP012's range check against Python's packaging (`SpecifierSet.contains(v, prereleases=True)`)
 * on what the real projects of the shared corpus declare: every specifier set of a pyproject.toml
 * or pip-tools input, against every version their locks hold of that package and versions just
 * around each bound (a post-release, a pre-release, the next and previous release).
 */
const SHARED = CORPUS_DIR;

const ORACLE = `
import json, sys
from packaging.specifiers import SpecifierSet
from packaging.version import Version, InvalidVersion
out = []
for spec, version in json.load(sys.stdin):
    try:
        out.append(SpecifierSet(spec).contains(Version(version), prereleases=True))
    except (InvalidVersion, ValueError):
        out.append(None)
print(json.dumps(out))
`;

/** packaging's verdict on each pair, in one Python run. */
function packagingSays(pairs: [string, string][]): (boolean | null)[] {
  const out = execFileSync(PYTHON, ['-c', ORACLE], { input: JSON.stringify(pairs), encoding: 'utf8' });
  return JSON.parse(out) as (boolean | null)[];
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Versions just around a bound: the bound, its post- and pre-release, the next and previous release. */
function around(text: string): string[] {
  const v = parseVersion(text.replace(/\.\*$/, ''));
  if (!v) return [];
  const base = { epoch: v.epoch, release: v.release };
  const up = { ...base, release: [...v.release.slice(0, -1), (v.release.at(-1) ?? 0) + 1] };
  const down = { ...base, release: [...v.release.slice(0, -1), Math.max(0, (v.release.at(-1) ?? 0) - 1)] };
  return [
    formatVersion(v),
    formatVersion({ ...base, post: 1 }),
    formatVersion({ ...base, pre: ['rc', 1] }),
    formatVersion({ ...base, dev: 0 }),
    formatVersion(up),
    formatVersion(down),
    `${formatVersion(base)}+local.1`,
  ];
}

function corpusPairs(): [string, string][] {
  const ranges = new Map<string, Set<string>>();
  const versions = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, key: string, value: string) => {
    const set = m.get(key) ?? new Set<string>();
    set.add(value);
    m.set(key, set);
  };
  for (const path of walk(SHARED)) {
    const text = readFileSync(path, 'utf8');
    const name = relative(SHARED, path);
    if (name.endsWith('pyproject.toml')) {
      for (const r of readPyproject(text, name.startsWith('poetry') ? 'poetry' : 'uv').requirements)
        for (const alt of r.ranges)
          if (alt.length > 0 && r.key) add(ranges, r.key, alt.map((s) => s.op + s.version).join(','));
    } else if (name.endsWith('uv.lock') || name.endsWith('poetry.lock')) {
      const tool = name.endsWith('uv.lock') ? 'uv' : 'poetry';
      for (const e of readTomlLockEntries(path, text, tool).entries)
        if (e.version) add(versions, e.key, e.version);
    } else if (/\.(in|txt|pip)$/.test(name)) {
      for (const r of parseRequirementsFile(name, text).requirements) {
        if (!r.key || r.specifiers.length === 0) continue;
        const set = r.specifiers.map((s) => s.op + s.version).join(',');
        if (r.pinnedVersion) add(versions, r.key, r.pinnedVersion);
        else add(ranges, r.key, set);
      }
    }
  }
  const pairs: [string, string][] = [];
  for (const [key, sets] of ranges)
    for (const set of sets) {
      const near = set.split(',').flatMap((s) => around(s.replace(/^[=!<>~]+/, '')));
      for (const v of new Set([...(versions.get(key) ?? []), ...near])) pairs.push([set, v]);
    }
  return pairs;
}

describe('range check against packaging', () => {
  it('agrees on the edge cases of each operator', () => {
    const specs = [
      '>=2.2.0',
      '<3',
      '<3rc2',
      '>1.0',
      '==1.0',
      '==1.0+cpu',
      '==1.2.*',
      '!=1.2.*',
      '~=2.2',
      '~=2.2.1',
      '<=2.0',
      '===1.0',
    ];
    const versions = [
      '2.0.3',
      '2.2',
      '3.0.0rc1',
      '1.0.post1',
      '1.0+local',
      '1.0',
      '1.0+cpu',
      '1.2.9',
      '1.3',
      '2.9',
      '3.0',
      '2.0+x',
      '1.0.dev1',
    ];
    const pairs = specs.flatMap((s) => versions.map((v): [string, string] => [s, v]));
    const expected = packagingSays(pairs);
    expect(pairs.filter(([s, v], i) => (satisfiesAll(v, specOf(s)) ?? null) !== expected[i])).toEqual([]);
  });
});

describeWithData('range check against packaging on the real corpus', SHARED, () => {
  it('agrees with SpecifierSet.contains on every (specifier set, version) pair', () => {
    const pairs = corpusPairs();
    expect(pairs.length).toBeGreaterThan(500);
    const expected = packagingSays(pairs);
    const disagree = pairs
      .map(([spec, v], i) => ({
        spec,
        v,
        ours: satisfiesAll(v, specOf(spec)) ?? null,
        python: expected[i],
      }))
      .filter((x) => x.ours !== x.python);
    expect(disagree).toEqual([]);
  });
});

function specOf(set: string) {
  return set.split(',').map((s) => {
    const m = /^(===|==|!=|~=|<=|>=|<|>)(.*)$/.exec(s) as RegExpExecArray;
    return { op: m[1] as string, version: m[2] as string };
  });
}
