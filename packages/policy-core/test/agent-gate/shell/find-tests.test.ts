import { describe, expect, it } from 'vitest';
import { shellEffects } from '../../../src/agent-gate/shell/index.js';
import { findTestsMatcher } from '../../../src/agent-gate/shell/find-tests.js';

/** The name tests a `find … -delete` is judged by, when its expression is read plainly. */
describe('find -delete: its name tests', () => {
  it.each([
    ["find . -name '*.log' -delete", { root: '.', tests: [{ on: 'name', glob: '*.log' }] }],
    [
      "find db -type f -ipath 'db/*.SQL' -delete",
      { root: 'db', tests: [{ on: 'path', glob: 'db/*.SQL', fold: true }] },
    ],
    ["find . -delete -name '*.log'", undefined],
    ["find . -name '*.log' -o -name x -delete", undefined],
    ["find . -name '[ab].log' -delete", undefined],
    ["find -L . -name '*.log' -delete", undefined],
    ['find . -name "$X" -delete', undefined],
    ['find . -delete', undefined],
  ])('%s', async (command, matching) => {
    const [write] = (await shellEffects(command)).writes;
    expect(write?.matching).toEqual(matching);
  });

  it('matches as fnmatch without FNM_PATHNAME or FNM_PERIOD', () => {
    const name = (glob: string, path: string) => findTestsMatcher([{ on: 'name', glob }])(path);
    const path = (glob: string, p: string) => findTestsMatcher([{ on: 'path', glob }])(p);
    expect(name('*.log', './logs/.hidden.log')).toBe(true);
    expect(name('*.log', './logs/app.log.1')).toBe(false);
    expect(name('a?c', './x/abc')).toBe(true);
    expect(name('*.log', './a.log/b')).toBe(false);
    expect(path('./db/*.sql', './db/x/y.sql')).toBe(true);
    expect(path('./db/*.sql', 'db/y.sql')).toBe(false);
    expect(findTestsMatcher([{ on: 'name', glob: '*.YAML', fold: true }])('./slipway.yaml')).toBe(true);
  });
});
