import { describe, expect, it } from 'vitest';
import type { DependencyPair } from '../../../../src/policy/schema/dependencies.js';
import { MemoryRepo } from '../../../../src/repo.js';
import { dependencyIncludes } from '../../../../src/rules/paths/facts/dependency-includes.js';

/**
 * The files a requirements pair reads through pip's `-r`/`-c`: a write to one is judged with the
 * pair (the agent gate runs the DEP rules on it). Each spelling of an include, and what is no file.
 */
const pair = (requirements: string, lock: string, lock_format: DependencyPair['lock_format'] = 'auto') =>
  ({ requirements, lock, lock_format }) as DependencyPair;
const includes = (files: Record<string, string>, pairs = [pair('requirements.in', 'requirements.txt')]) =>
  Object.fromEntries(dependencyIncludes(new MemoryRepo(files), pairs));

describe('dependencyIncludes', () => {
  it('every spelling of an include, followed down, each with the pair file it starts from', () => {
    expect(
      includes({
        'requirements.in': 'flask\n-r base.in\n  -cpins.txt\n\t--requirement=dev/extra.in\n',
        'requirements.txt': '--constraint lock-pins.txt\nflask==3.0.0\n',
        'dev/extra.in': '-r ../common.in\n',
        'base.in': '  -r deep.in\n',
      }),
    ).toEqual({
      'base.in': 'requirements.in',
      'pins.txt': 'requirements.in',
      'dev/extra.in': 'requirements.in',
      'common.in': 'requirements.in',
      'deep.in': 'requirements.in',
      'lock-pins.txt': 'requirements.txt',
    });
  });

  it('near misses: no include line, a URL, an absolute path, the pair file itself, a file named twice', () => {
    expect(
      includes({
        'requirements.in': '# -r in a comment is no include\nflask  # -r x.in\n',
        'requirements.txt': 'flask==3.0.0\n',
      }),
    ).toEqual({});
    expect(
      includes({
        'requirements.in':
          '-r https://example.com/r.txt\n-r git+https://x/y\n-r /etc/r.in\n-r requirements.in\n-r a.in\n-c a.in\n',
        'a.in': '-r requirements.in\n',
      }),
    ).toEqual({ 'a.in': 'requirements.in' });
  });

  it('only requirements-style pairs are read: a uv, Poetry or npm lock includes nothing', () => {
    const files = { 'pyproject.toml': '-r a.in\n', 'uv.lock': '-r b.in\n', 'package.json': '-r c.in\n' };
    expect(
      includes(files, [pair('pyproject.toml', 'uv.lock'), pair('package.json', 'package-lock.json')]),
    ).toEqual({});
    // lock_format decides over the file name.
    expect(includes(files, [pair('pyproject.toml', 'uv.lock', 'requirements')])).toEqual({
      'a.in': 'pyproject.toml',
      'b.in': 'uv.lock',
    });
  });

  it('as deep as the DEP rules follow includes (32), no deeper', () => {
    const chain = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`r${i}.in`, `-r r${i + 1}.in\n`]));
    const found = Object.keys(includes(chain, [pair('r0.in', 'none.txt')]));
    expect(found).toHaveLength(32);
    expect(found.at(-1)).toBe('r32.in');
  });

  it('follows no include once 200 files are found (those named beside are still listed)', () => {
    const files: Record<string, string> = {
      'requirements.in': `${Array.from({ length: 120 }, (_, i) => `-r f${i}.in`).join('\n')}\n`,
    };
    for (let i = 0; i < 120; i++) files[`f${i}.in`] = `-r g${i}.in\n`;
    const found = includes(files);
    // f0 … f99 each bring their g: 200 files; f100 … f119 are named, never read.
    expect(found['g99.in']).toBe('requirements.in');
    expect(found['f119.in']).toBe('requirements.in');
    expect(found['g100.in']).toBeUndefined();
    expect(Object.keys(found)).toHaveLength(220);
  });
});
