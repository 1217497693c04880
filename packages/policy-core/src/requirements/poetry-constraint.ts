import { parseVersion } from './pep440-version.js';
import type { SpecifierLike } from './specifier-set.js';

/**
 * Poetry's version constraints (`[tool.poetry.dependencies]`, `python = "^3.9"`) as PEP 440
 * specifiers, following Poetry's "Dependency specification" page and poetry-core's parser:
 * `||` (or `|`) separates alternatives, `,` or spaces join constraints; `^1.2.3` is
 * `>=1.2.3,<2.0.0` (the left-most non-zero part may not change; `^0.2.3` is `<0.3.0`, `^0.0.3`
 * `<0.0.4`, `^0.0` `<0.1.0`, `^0` `<1.0.0`); `~1.2.3` is `>=1.2.3,<1.3.0` and `~1` `<2.0.0`;
 * `~=` is PEP 440's; `*` or nothing is any version; `1.2.*` and `1.2.x` are prefix matches; a
 * bare version or `=` is `==`; `<>` is `!=`.
 *
 * The result is a list of alternatives, each a list of specifiers that must all hold; undefined
 * when a part cannot be read (the caller reports it rather than guessing a range).
 */
export function poetryConstraint(text: string): SpecifierLike[][] | undefined {
  const out: SpecifierLike[][] = [];
  for (const alternative of text.split(/\|\|?/)) {
    const specs: SpecifierLike[] = [];
    // `>= 1.2, < 2` and `>=1.2 <2`: an operator may stand apart from its version.
    const parts = alternative
      .trim()
      .replace(/(<>|!=|>=|<=|==|~=|[<>=^~])\s+/g, '$1')
      .split(/\s*,\s*|\s+/)
      .filter((p) => p !== '');
    for (const part of parts) {
      const one = single(part);
      if (!one) return undefined;
      specs.push(...one);
    }
    out.push(specs);
  }
  return out;
}

function single(part: string): SpecifierLike[] | undefined {
  if (part === '*' || /^[xX]$/.test(part)) return [];
  const wildcard = /^(==|!=)?v?(\d+(?:\.\d+)*)(?:\.[xX*])+$/.exec(part);
  if (wildcard) return [{ op: wildcard[1] === '!=' ? '!=' : '==', version: `${wildcard[2]}.*` }];
  if (part.startsWith('^')) return bounded(part.slice(1), caretUpper);
  if (part.startsWith('~') && !part.startsWith('~=')) return bounded(part.slice(1), tildeUpper);
  const basic = /^(<>|!=|~=|>=|<=|==|=|<|>)?(.+)$/.exec(part);
  if (!basic) return undefined;
  const op = basic[1] === undefined || basic[1] === '=' ? '==' : basic[1] === '<>' ? '!=' : basic[1];
  const version = basic[2] as string;
  if (!parseVersion(version)) return undefined;
  if (op === '~=' && (parseVersion(version)?.release.length ?? 0) < 2) return undefined;
  return [{ op, version }];
}

/** `>=v,<upper(v)` for a caret or tilde constraint. */
function bounded(text: string, upper: (release: number[]) => number[]): SpecifierLike[] | undefined {
  const v = parseVersion(text);
  if (!v) return undefined;
  const top = upper(v.release);
  return [
    { op: '>=', version: text },
    { op: '<', version: `${v.epoch ? `${v.epoch}!` : ''}${top.join('.')}` },
  ];
}

/** The next version that changes the left-most non-zero part of the first three (or the last given). */
function caretUpper(release: number[]): number[] {
  const [major = 0, minor = 0] = release;
  if (major > 0 || release.length === 1) return [major + 1, 0, 0];
  if (minor > 0 || release.length === 2) return [0, minor + 1, 0];
  return [0, 0, (release[2] ?? 0) + 1];
}

/** `~1` allows minor updates; `~1.2` and `~1.2.3` only patch updates. */
function tildeUpper(release: number[]): number[] {
  const [major = 0, minor = 0] = release;
  if (release.length === 1) return [major + 1, 0, 0];
  return [major, minor + 1, 0];
}
