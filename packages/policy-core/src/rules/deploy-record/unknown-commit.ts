import type { Finding } from '../../finding.js';
import { policyRelated, type RecordRule, recordShas, valueSpan } from './record-facts.js';

/** REC004: a SHA in the record names no commit of the repository. */
export const unknownCommit: RecordRule = {
  meta: {
    id: 'REC004',
    family: 'REC',
    defaultSeverity: 'error',
    title: 'deploy record SHA is not a commit in the repository',
    description:
      'A rollback redeploys last_good_sha; if that commit does not exist (a typo, a SHA from another repository, a ' +
      'commit lost to a force-push) the rollback fails exactly when it is needed. Checked only where git is ' +
      'available (CLI, CI); in a shallow clone fetch enough history first (fetch-depth: 0).',
  },
  check(ctx, facts) {
    const git = ctx.repo.git;
    if (!git) return [];
    const out: Finding[] = [];
    const shas = recordShas(facts);
    git.primeCommits?.(shas.map((s) => s.sha));
    for (const { path, sha } of shas) {
      if (git.commitExists(sha)) continue;
      out.push({
        rule: this.meta.id,
        severity: this.meta.defaultSeverity,
        message: `\`${path.join('.')}\` ${sha.slice(0, 12)} is not a commit in this repository; fetch full history or correct the SHA.`,
        file: facts.path,
        range: valueSpan(facts, path),
        related: [policyRelated(ctx, 'the deploy record named here')],
      });
    }
    return out;
  },
};
