import { describe, expect, it } from 'vitest';
import { judgeLabelAppliers, type LabelApplier } from '../../src/agents/label-appliers.js';
import type { ChangeSet } from '../../src/change-set.js';
import { parsePolicyText } from '../../src/index.js';

/** `labels.verify: github`: which labels count as a human's approval, and why the others do not. */

const doc = parsePolicyText('version: 1\nagents:\n  accounts: [" helper-* "]\n', 'slipway.yaml').document;
if (!doc) throw new Error('policy did not parse');
const change = (labels?: string[]): ChangeSet =>
  ({
    base: 'a'.repeat(40),
    head: 'b'.repeat(40),
    files: [],
    commits: [],
    ...(labels ? { labels } : {}),
    pullRequest: { number: 1, author: 'Alice' },
  }) as ChangeSet;
const judge = (labels: string[] | undefined, appliers: Record<string, LabelApplier>) =>
  judgeLabelAppliers(change(labels), doc, new Map(Object.entries(appliers)));

describe('judgeLabelAppliers', () => {
  it('a change without labels keeps none and refuses none', () => {
    const out = judge(undefined, {});
    expect(out.labels).toEqual([]);
    expect(out.refusedLabels).toBeUndefined();
  });

  it("a reviewer's label counts; the author's, an agent account's (its pattern written with spaces), an app's for a person, a removed or unapplied one do not", () => {
    const out = judge(['ok', 'Self', 'agent', 'via-app', 'removed', 'gone', 'never'], {
      ok: { applied: true, by: 'bob' },
      self: { applied: true, by: 'alice' },
      agent: { applied: true, by: 'helper-1' },
      'via-app': { applied: true, by: 'bob', app: 'helper-x' },
      removed: { applied: false, by: 'carol' },
      gone: { applied: false },
    });
    expect(out.labels).toEqual(['ok']);
    expect(out.refusedLabels).toEqual([
      { label: 'Self', reason: "it was applied by @alice, the pull request's author" },
      { label: 'agent', reason: 'it was applied by @helper-1, an agent account (agents.accounts)' },
      {
        label: 'via-app',
        reason:
          'it was applied through the GitHub App `helper-x` (@helper-x[bot], an agent account in agents.accounts) on behalf of @bob',
      },
      { label: 'removed', reason: "GitHub's events show it removed by @carol after it was last applied" },
      { label: 'gone', reason: "GitHub's last event for it shows no one applying it" },
      { label: 'never', reason: "GitHub's events for the pull request show no one applying it" },
    ]);
  });
});
