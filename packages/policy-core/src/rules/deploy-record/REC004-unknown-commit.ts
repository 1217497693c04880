import type { Finding } from '../../finding.js';
import type { RuleMeta } from '../../rule.js';
import {
  policyRelated,
  type RecordFacts,
  type RecordRule,
  recordShas,
  valueSpan,
} from './facts/record-facts.js';
import { recordExample, recSuppressDocs, releaseRecord } from './facts/examples.js';

/** REC004: a SHA in the record names no commit of the repository. */
export const unknownCommit: RecordRule = {
  id: 'REC004',
  name: 'unknown-commit',
  family: 'REC',
  facts: 'deploy-record',
  defaultSeverity: 'error',
  examplesNotRun: 'needs git history',
  title: 'deploy record SHA is not a commit in the repository',
  docs: {
    what:
      'A SHA in the record names no commit of the repository. Checked only where git is available ' +
      '(CLI, CI).',
    why:
      'A rollback redeploys last_good_sha; if that commit does not exist (a typo, a SHA from another ' +
      'repository, a commit lost to a force-push) the rollback fails exactly when it is needed. The ' +
      'hash of an annotated tag object (`git rev-parse v1` for `git tag -a v1`) is not a commit ' +
      'either: the record must name the commit the tag points at (`git rev-parse v1^{commit}`), which ' +
      'the quick fix writes.',
    fix:
      'Write the SHA of the commit production runs; for a tag, `git rev-parse v1^{commit}` (the quick ' +
      'fix writes it). In a shallow clone fetch enough history first (fetch-depth: 0).',
    suppress: recSuppressDocs('REC004'),
    examples: [
      recordExample('flagged', releaseRecord({ last_good_sha: '1f0e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c' }), {
        assumes: 'where the repository has no commit 1f0e2d3c… (a SHA copied from another repository)',
      }),
      recordExample('fine', releaseRecord(), { assumes: 'where 9c81d3e5… is a commit of the repository' }),
    ],
  },
  check({ ctx, record: facts }) {
    if (!facts) return [];
    const git = ctx.repo.git;
    if (!git) return [];
    const out: Finding[] = [];
    const shas = recordShas(facts);
    git.primeCommits?.(shas.map((s) => s.sha));
    for (const { path, sha } of shas) {
      if (git.commitExists(sha)) continue;
      const tagged = git.peelTag?.(sha);
      if (tagged) {
        out.push(tagFinding(this, facts, path, sha, tagged));
        continue;
      }
      out.push({
        rule: this.id,
        severity: this.defaultSeverity,
        message: `\`${path.join('.')}\` ${sha.slice(0, 12)} is not a commit in this repository; fetch full history or correct the SHA.`,
        file: facts.path,
        range: valueSpan(facts, path),
        related: [policyRelated(ctx, 'the deploy record named here')],
      });
    }
    return out;
  },
};

/**
 * The SHA names an annotated tag object: git would peel it to the tagged commit, but the record
 * promises a commit, and every tool that reads it (deploy scripts, `git checkout` in a rollback
 * runner, the history) must see the same hash production ran. The fix writes the commit.
 */
function tagFinding(
  meta: RuleMeta,
  facts: RecordFacts,
  path: (string | number)[],
  sha: string,
  commit: string,
): Finding {
  const range = valueSpan(facts, path);
  return {
    rule: meta.id,
    severity: meta.defaultSeverity,
    message: `\`${path.join('.')}\` ${sha.slice(0, 12)} names a tag object, not a commit; use ${commit}, the commit it tags.`,
    file: facts.path,
    range,
    fixes: [
      {
        title: `Use the tagged commit ${commit.slice(0, 12)}`,
        edits: [{ file: facts.path, range, newText: JSON.stringify(commit) }],
      },
    ],
  };
}
