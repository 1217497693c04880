/**
 * Where `git checkout <tree-ish> -- <path>` and `git restore --source=<tree-ish> <path>` take the
 * files they write from: the files under `<path>` in that commit land, whether the work tree
 * holds them or not (a protected file kept on another branch, restored into a folder that is not
 * on disk). Without a tree-ish both restore from the index.
 */
import type { ShellWrite } from './effects.js';
import { type Arg, argText as text } from './context.js';

/**
 * The paths `git checkout … -- <paths>` or `git restore <paths>` writes, each with where its
 * files come from (ShellWrite.restoredFrom): the words after `--` for checkout; restore's
 * words that are not options nor the `-s X` value (any word after its `--`).
 */
export function restoredPaths(
  sub: 'checkout' | 'restore',
  rest: readonly Arg[],
): { arg: Arg; restored: Pick<ShellWrite, 'restoredFrom' | 'restoredFromUnknown'> }[] {
  const dashDash = rest.findIndex((a) => text(a) === '--');
  const from = sub === 'checkout' ? dashDash + 1 : 0;
  const source = restoreSource(sub, rest);
  const restored =
    source === undefined
      ? {}
      : 'treeish' in source
        ? { restoredFrom: source.treeish }
        : { restoredFromUnknown: source.unknown };
  return rest
    .filter((_, i) => i >= from && i !== source?.valueAt)
    .filter((a) => !(text(a) ?? '').startsWith('-') || dashDash !== -1)
    .filter((a) => text(a) !== '--' && !(sub === 'restore' && /^(-s|--source)/.test(text(a) ?? '')))
    .map((arg) => ({ arg, restored }));
}

/**
 * The tree-ish as written (`valueAt`: the index in `rest` of restore's separate `-s X` value, which
 * is no path), `unknown` when only the shell can say, or nothing (the index).
 */
export type RestoreSource =
  | { treeish: string; valueAt?: number }
  | { unknown: string; valueAt?: number }
  | undefined;

/** checkout's options that take the next word as their value (`-b name`). */
const CHECKOUT_VALUE_OPTIONS = new Set(['-b', '-B', '--orphan', '--conflict', '--pathspec-from-file']);

function restoreSource(sub: 'checkout' | 'restore', rest: readonly Arg[]): RestoreSource {
  const words = rest.map((a) => text(a));
  if (sub === 'restore') {
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (w === '--') break;
      if (w === undefined) continue;
      const value =
        w === '-s' || w === '--source'
          ? i + 1 < words.length
            ? (words[i + 1] ?? null)
            : null
          : w.startsWith('--source=')
            ? w.slice('--source='.length)
            : /^-s./.test(w)
              ? w.slice(2)
              : undefined;
      const valueAt = w === '-s' || w === '--source' ? { valueAt: i + 1 } : {};
      if (value === null) return { unknown: `${w} names its tree-ish only when the shell runs`, ...valueAt };
      if (value !== undefined) return { ...source(value), ...valueAt };
    }
    return undefined;
  }
  const dashDash = words.indexOf('--');
  if (dashDash === -1) return undefined;
  const before: (string | undefined)[] = [];
  for (let i = 0; i < dashDash; i++) {
    const w = words[i];
    if (w?.startsWith('-')) {
      if (CHECKOUT_VALUE_OPTIONS.has(w)) i++;
      continue;
    }
    before.push(w);
  }
  if (before.length === 0) return undefined;
  if (before.length > 1 || before[0] === undefined)
    return {
      unknown: `git checkout ${before.map((w) => w ?? '…').join(' ')} -- names its tree-ish in a way Slipway does not follow`,
    };
  return source(before[0]);
}

/** A tree-ish git would read as an option is not passed on: put to a person instead. */
function source(treeish: string): { treeish: string } | { unknown: string } {
  return treeish === '' || treeish.startsWith('-')
    ? { unknown: `the tree-ish ${JSON.stringify(treeish)} is not one Slipway asks git about` }
    : { treeish };
}
