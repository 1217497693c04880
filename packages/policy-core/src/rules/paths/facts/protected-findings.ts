import type { ChangeSet } from '../../../change-set.js';
import type { Finding } from '../../../finding.js';
import type { PathPolicy } from '../../../policy/path-policy.js';
import type { CheckContext, RuleMeta } from '../../../rule.js';
import {
  alteredPaths,
  decidingPath,
  describeChange,
  findingLocation,
  labelNote,
  labelState,
  matchForm,
  policyLine,
  relatedPolicy,
} from './path-policy.js';
import { linkedMigrationChanges } from './linked-migrations.js';

/**
 * One finding per changed file that touches a protected path while the change lacks the approval
 * label (PATH001 for people, PATH003 for agents; `explainWhy` words each one's message): a
 * warning where labels are unknown, else the rule's severity.
 */
export function protectedFindings(
  ctx: CheckContext,
  change: ChangeSet,
  pp: PathPolicy,
  rule: RuleMeta,
  explainWhy: (what: string, pattern: string, where: string, needs: string) => string,
  extraRelated: Finding['related'] = [],
): Finding[] {
  const matcher = pp.protectedMatcher;
  if (matcher === undefined) return [];
  const state = labelState(change, pp.label);
  if (state === 'present') return [];
  // Unknown labels (editor, push): say what the pull request will need, as a warning.
  const needs = `${state === 'unknown' ? 'this change needs' : 'this change lacks'} the \`${pp.label}\` label${labelNote(change, pp.label)}`;
  const out: Finding[] = [];
  // A symlinked migration whose target the change edits is changed too (linked-migrations.ts).
  const linked = linkedMigrationChanges(ctx, change);
  const through = new Map(linked.map((l) => [l.file.path, l.target]));
  for (const f of [...change.files, ...linked.map((l) => l.file)]) {
    const target = through.get(f.path);
    for (const path of alteredPaths(f)) {
      // The combined test first: most changed files are not protected, and explain() costs more.
      if (!matcher.matches(matchForm(f, path))) continue;
      const d = matcher.explain(matchForm(f, path));
      // A matched path always has the pattern that matched it: neither fallback is reached.
      // Stryker disable next-line ArrayDeclaration,StringLiteral: the whole list's path is the fallback for no pattern, never the case after matches()
      const where = decidingPath(d, ['protected', 'paths']);
      // Stryker disable next-line StringLiteral: as above, d.source is there for a match
      const pattern = d.source?.pattern ?? '';
      const line = policyLine(ctx, where);
      out.push({
        rule: rule.id,
        severity: state === 'unknown' ? 'warning' : rule.defaultSeverity,
        message: explainWhy(
          target === undefined
            ? describeChange(f)
            : `\`${f.path}\` (a symbolic link to \`${target}\`, which this change edits)`,
          pattern,
          line,
          needs,
        ),
        ...findingLocation(ctx, f, where),
        related: [relatedPolicy(ctx, where, `protected by pattern \`${pattern}\``), ...extraRelated],
      });
      break;
    }
  }
  return out;
}
