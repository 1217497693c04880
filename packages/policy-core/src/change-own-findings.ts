import type { ChangeSet } from './change-set.js';
import type { Finding } from './finding.js';
import { familyOfRuleId, type CheckContext, type RuleFamily } from './rule.js';
import type { Sha256 } from './baseline/fingerprint.js';
import { buildBaseline, matchBaseline } from './baseline/match-baseline.js';
import { changeOfNothing, repoAtBase } from './baseline/repo-at-base.js';

/** Files read on the tree up to this size are asked at base together (see expectBase below). */
const MAX_EXPECTED_BYTES = 256 * 1024;

export interface ChangeOwnFindings {
  /** The findings that are this change's: what the check reports. */
  findings: Finding[];
  /** Findings that stand on the base as they are, in lines this change did not touch. */
  onBase: Finding[];
  notes: string[];
}

/**
 * A change's check judges the change, not the files it touches (as "new code" gates do): a
 * finding the base already had, in lines the change did not touch, is not the change's. The
 * families with a finding left are run again over the repository as the base holds it
 * (repo-at-base.ts), with a change of nothing in it, and what they find there is
 * fingerprinted as a baseline is (fingerprint.ts): a finding of the same rule in the same file
 * with the same fingerprint and occurrence stands on the base. So a line the change edits, moves
 * among new neighbours or copies (the copy is one occurrence more) makes its finding the
 * change's, and so does a finding a touched file caused elsewhere (the base run reads that file
 * as it was). Rules about the change as a whole find nothing in a change of nothing: their
 * findings always stay. `check --tree` judges the whole and never comes here.
 */
export function changeOwnFindings(input: {
  findings: Finding[];
  families: readonly RuleFamily[];
  ctx: CheckContext;
  change: ChangeSet;
  sha256: Sha256;
  /** The files each family read on the tree (FamilyResult.filesChecked). */
  read: ReadonlyMap<string, readonly string[]>;
}): ChangeOwnFindings {
  const { findings, ctx, change } = input;
  const left = new Set(findings.map((f) => familyOfRuleId(f.rule)));
  const families = input.families.filter((f) => left.has(f.id));
  if (families.length === 0) return { findings, onBase: [], notes: [] };
  if (!change.readBase)
    return {
      findings,
      onBase: [],
      notes: [
        'the files cannot be read as they are on the base here: every finding is judged as this change’s, even one the base already had',
      ],
    };
  const repo = repoAtBase(ctx.repo, change);
  // What the families read on the tree, read at base in one git process with the first, not one
  // each (a migration tree is read whole: 126 processes for one, before). The host's list of
  // what it read covers the files the rules read but do not report (a tree's other revisions);
  // a large file (an audit log) is read at base only if a rule asks for it.
  change.expectBase?.([
    ...families.flatMap((f) => input.read.get(f.id) ?? []),
    ...(ctx.repo.readSoFar?.(MAX_EXPECTED_BYTES) ?? []),
  ]);
  // The base's own policy governs it: the change's (headPolicy) is what the change brings.
  const { headPolicy: _head, ...rest } = ctx;
  const atBase: CheckContext = { ...rest, repo, change: changeOfNothing(change) };
  const before: Finding[] = [];
  const notes: string[] = [];
  for (const family of families) {
    try {
      before.push(...family.check(atBase).findings);
    } catch (error) {
      // Not known what the base had: every finding of the family is the change's (never fewer).
      notes.push(
        `the ${family.id} rules failed on the base (${error instanceof Error ? error.message : String(error)}): each of their findings is judged as this change’s`,
      );
    }
  }
  const standing = buildBaseline(before, (file) => repo.readFile(file), input.sha256);
  const m = matchBaseline(findings, (file) => ctx.repo.readFile(file), standing, { sha256: input.sha256 });
  const n = m.baselined.length;
  if (n > 0)
    notes.push(
      `${n} finding${n === 1 ? '' : 's'} already on the base in lines this change did not touch (not judged as this change’s; \`check --tree\` shows ${n === 1 ? 'it' : 'them'})`,
    );
  return { findings: m.newFindings, onBase: m.baselined, notes };
}
