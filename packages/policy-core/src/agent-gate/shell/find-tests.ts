import type { Arg } from './context.js';
import { argText } from './context.js';
import type { FindMatching, FindTest } from './effects.js';
import { withoutTrailingSlashes } from '../../trailing-slashes.js';

export type { FindMatching, FindTest };

const NAME_TESTS: Record<string, FindTest['on']> = {
  '-name': 'name',
  '-iname': 'name',
  '-path': 'path',
  '-ipath': 'path',
  '-wholename': 'path',
  '-iwholename': 'path',
};
/** Tests and options that only narrow what matches, with how many words they take after them. */
const NARROWING: Record<string, number> = {
  '-type': 1,
  '-maxdepth': 1,
  '-mindepth': 1,
  '-a': 0,
  '-and': 0,
  '-depth': 0,
  '-xdev': 0,
  '-mount': 0,
  '-print': 0,
};

/**
 * The name tests of a find expression that runs `-delete` after them all, read only when each word
 * is understood: name tests with globs of `*`, `?` and plain characters (no `[…]` class, no `\`
 * escape), the narrowing words above, `-delete` last of the tests. Otherwise (an `-o`, a `!`, a
 * test before it reads differently, a `-delete` ahead of a test, no name test) undefined: the
 * gate judges every file under the root as removed.
 */
export function findNameTests(expression: readonly Arg[]): FindTest[] | undefined {
  const tests: FindTest[] = [];
  let deleted = false;
  for (let i = 0; i < expression.length; i++) {
    const word = argText(expression[i]);
    if (word === undefined) return undefined;
    if (word === '-delete') {
      deleted = true;
      continue;
    }
    const on = NAME_TESTS[word];
    if (on !== undefined) {
      const glob = argText(expression[++i]);
      if (deleted || glob === undefined || /[[\]\\]/.test(glob)) return undefined;
      tests.push({ on, glob, ...(word.startsWith('-i') ? { fold: true as const } : {}) });
      continue;
    }
    const takes = NARROWING[word];
    if (takes === undefined) return undefined;
    i += takes;
  }
  return deleted && tests.length > 0 ? tests : undefined;
}

/**
 * Whether a file matches every test, `path` as find prints it: the tests compiled once, for the
 * many files one find is asked about. GNU find matches `-name` and `-path` with fnmatch without
 * FNM_PATHNAME or FNM_PERIOD: `*` and `?` match `/` and a leading `.`.
 */
export function findTestsMatcher(tests: readonly FindTest[]): (path: string) => boolean {
  const compiled = tests.map((t) => ({ on: t.on, re: globRegex(t.glob, t.fold === true) }));
  return (path) => {
    const base = withoutTrailingSlashes(path).replace(/^.*\//, '');
    return compiled.every((t) => t.re.test(t.on === 'name' ? base : path));
  };
}

function globRegex(glob: string, fold: boolean): RegExp {
  const body = [...glob]
    .map((ch) =>
      ch === '*' ? '[\\s\\S]*' : ch === '?' ? '[\\s\\S]' : ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${body}$`, fold ? 'i' : '');
}
