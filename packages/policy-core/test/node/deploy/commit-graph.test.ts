import type { AgentSignal, Commit, CommitFacts } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { commitAgentJudge, commitAgentSignal } from '../../../src/agents/change-author.js';
import { splitZ } from '../../../src/node/git/path-bytes.js';
import { graphOfLog } from '../../../src/node/deploy/commit-graph.js';
import { policy } from '../../agents/agent-test-helpers.js';

const doc = policy('version: 1\nagents:\n  identities: ["bot@ci.example", "Helper"]\n');

/** The reading graphOfLog replaces, kept as the reference: git's output split into strings, each commit judged whole. */
function reference(out: Buffer): Map<string, CommitFacts> {
  const tokens = splitZ(out);
  const graph = new Map<string, CommitFacts>();
  for (let i = 0; i + 8 <= tokens.length; ) {
    const [sha, parents, time, an, ae, cn, ce, body] = tokens.slice(i, i + 8) as string[];
    const commit: Commit = {
      sha: sha as string,
      parents: parents ? parents.split(' ') : [],
      author: { name: an as string, email: ae as string },
      committer: { name: cn as string, email: ce as string },
      subject: '',
      body: (body as string).replace(/\n+$/, ''),
      firstParent: false,
    };
    const facts: CommitFacts = { parents: commit.parents, time: Number(time) * 1000 };
    i += 8;
    if (tokens[i] === '') i += 1;
    const signal = commitAgentSignal(doc, commit);
    if (signal) facts.agent = name(signal);
    graph.set(commit.sha, facts);
  }
  return graph;
}
const name = (s: AgentSignal) =>
  'preset' in s.origin
    ? s.origin.preset
    : s.seen.replace(/^[A-Za-z-]+:\s*/, '').replace(/\s*<[^>]*>\s*$/, '') || s.seen;

type Row = { an?: string; ae?: string; cn?: string; ce?: string; body?: string; parents?: number };
/** `git log -z` output in commit-graph.ts's format: each commit's fields NUL-ended, commits NUL-separated. */
function gitLog(rows: Row[], tail = '\0'): Buffer {
  const sha = (k: number) => k.toString(16).padStart(40, '0');
  const commits = rows.map((r, k) => {
    const parents = Array.from({ length: r.parents ?? 1 }, (_, p) => sha(k + 1 + p)).join(' ');
    const fields = [sha(k), parents, String(1_700_000_000 + k), r.an ?? 'Dev', r.ae ?? 'dev@example.com'];
    fields.push(r.cn ?? 'Dev', r.ce ?? 'dev@example.com', r.body ?? '');
    return `${fields.join('\0')}\0`;
  });
  return Buffer.concat([Buffer.from(commits.join('\0'), 'latin1'), Buffer.from(tail, 'latin1')]);
}

describe('graphOfLog: the commit graph read from git log bytes, as the split and whole-commit judge read it', () => {
  const rows: Row[] = [
    {},
    { body: 'Co-Authored-By: Claude <noreply@anthropic.com>\n' },
    // The same people's bytes again, then one letter changed (the same length), then back.
    { body: 'plain\n' },
    { ae: 'bot@ci.example' },
    { ae: 'bot@ci.exampla' },
    { ae: 'bot@ci.example' },
    {},
    { cn: 'Helper' },
    // A "-by" that is not a credit trailer, one in capitals, one after a long body.
    { body: 'Reviewed-by: Someone <s@x>\n\nStand-by mode\n' },
    { body: 'GENERATED-BY: Claude <noreply@anthropic.com>\n\n\n' },
    { body: `${'x'.repeat(5000)}\n\nAssisted-by: Helper <h@x>\n` },
    { body: 'Co-authored-by: Dev <dev@example.com>\n' },
    // Bodies the same as the last judged: after another one, after a bot's commit, with new people.
    { body: 'GENERATED-BY: Claude <noreply@anthropic.com>\n\n\n' },
    { body: 'GENERATED-BY: Claude <noreply@anthropic.com>\n\n\n' },
    { ae: 'bot@ci.example', body: 'Co-authored-by: Dev <dev@example.com>\n' },
    { an: 'Other', body: 'Co-authored-by: Dev <dev@example.com>\n' },
    // The same length, another person credited.
    { an: 'Other', body: 'Co-authored-by: Devs <bot@ci.example>\n' },
    // A person whose name is not UTF-8, a merge and a root.
    { an: 'Jos\xe9', parents: 2 },
    { an: 'Jos\xe9', body: 'Co-authored-by: Helper <x@y>\n', parents: 0 },
  ];
  const judge = commitAgentJudge(doc);

  it('gives the reference graph, agents and all', () => {
    const out = gitLog(rows);
    const graph = graphOfLog(out, judge);
    expect([...graph]).toEqual([...reference(out)]);
    expect([...graph.values()].map((f) => f.agent ?? '-')).toEqual([
      '-',
      'claude',
      '-',
      'Dev',
      '-',
      'Dev',
      '-',
      'Helper',
      '-',
      'claude',
      'Helper',
      '-',
      'claude',
      'claude',
      'Dev',
      '-',
      'Devs',
      '-',
      'Helper',
    ]);
  });

  it('reads the output cut anywhere as the reference does: whole commits only', () => {
    const out = gitLog(rows.slice(0, 4));
    for (let cut = 0; cut <= out.length; cut++) {
      const part = out.subarray(0, cut);
      expect([...graphOfLog(part, judge)]).toEqual([...reference(part)]);
    }
  });
});
