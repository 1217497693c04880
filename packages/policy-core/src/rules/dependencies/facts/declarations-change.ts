import type { CheckContext } from '../../../rule.js';
import type { DeclaredRequirement } from '../../../requirements/declared-requirement.js';
import { readPyproject } from '../../../requirements/pyproject.js';
import { type PairFacts, pyprojectTool } from './pair-facts.js';

/**
 * How a change moved a pyproject.toml's dependency declarations, compared as data (see
 * `Pyproject.declarations`): editing `[tool.ruff]`, a comment or the layout of a list is not a
 * dependency change. Undefined when the change does not touch the file, its declarations are the
 * same on both sides, or the base cannot be read (nothing is claimed then).
 */
export interface DeclarationsChange {
  /** Declarations at head that the base did not have, in file order (empty: only removals or edits to what shapes the lock). */
  added: DeclaredRequirement[];
}

export function declarationsChange(ctx: CheckContext, facts: PairFacts): DeclarationsChange | undefined {
  const change = ctx.change;
  const head = facts.pyproject;
  const path = facts.pair.requirements;
  if (!change?.readBase || !head || !change.files.some((f) => f.path === path || f.oldPath === path))
    return undefined;
  const baseText = change.readBase(path);
  const headText = ctx.repo.readFile(path);
  if (baseText === headText || headText === undefined) return undefined;
  const base = baseText === undefined ? undefined : readPyproject(baseText, pyprojectTool(facts));
  if (base && base.declarations === head.declarations) return undefined;
  const before = new Set(base?.requirements.map(identity));
  return { added: head.requirements.filter((r) => !before.has(identity(r))) };
}

/**
 * Whether a change edits what decides where packages come from or what builds them
 * (`Pyproject.supplyChain`: `[build-system]`, `[tool.uv]`'s indexes, Poetry's sources): an extra
 * index is a way in for a package of the same name, and needs the dependency label like a
 * declaration does. A base that cannot be read counts as a change (the label is asked, not waived).
 */
export function supplyChainChanged(ctx: CheckContext, facts: PairFacts): boolean {
  const change = ctx.change;
  const head = facts.pyproject;
  const path = facts.pair.requirements;
  if (!change || !head || !change.files.some((f) => f.path === path || f.oldPath === path)) return false;
  const baseText = change.readBase?.(path);
  if (baseText === undefined) return true;
  return readPyproject(baseText, pyprojectTool(facts)).supplyChain !== head.supplyChain;
}

const identity = (r: DeclaredRequirement): string => `${r.section}\u0000${r.source}`;
