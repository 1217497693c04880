import {
  type ChangeSet,
  type ChangedFile,
  type CheckContext,
  MemoryRepo,
  parsePolicyText,
  sha256Hex,
} from '@slipway/policy-core';
import { chainedLines as chain, logText as join } from './chained-lines.js';
import { describe, expect, it } from 'vitest';
import { readAuditFacts } from '../../../src/rules/audit-log/facts/audit-facts.js';
import { auditLogFamily } from '../../../src/rules/families.js';
import { rewrittenSinceBase } from '../../../src/rules/audit-log/AUD005-rewritten-since-base.js';

const LOG = 'infrastructure/deploy-audit.jsonl';
const REC = 'infrastructure/LAST_PROD_DEPLOY.json';
const BASE = 'c'.repeat(40);
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

const headOf = (ls: string[]) => sha256Hex(ls[ls.length - 1] as string);

/** The reviewer's story: a promote, then a failed one and the automatic rollback after it. */
const story = chain([
  { outcome: 'started' },
  {},
  { from: B, to: A, outcome: 'started' },
  { from: B, to: A, outcome: 'failed' },
  { event: 'SYSTEM_CORRECTION_EVENT', from: A, to: B, pin: false, outcome: 'started' },
  { event: 'SYSTEM_CORRECTION_EVENT', from: A, to: B, pin: false },
]);

interface Input {
  base: string | undefined;
  head: string | undefined;
  /** The record's audit_head; default: the hash of the head log's last line. */
  auditHead?: string | null;
  files?: ChangedFile[];
  basePath?: string;
  noChange?: boolean;
}

function context(i: Input): CheckContext {
  const policy = parsePolicyText('version: 1\ndeploy: {}\n').document;
  if (!policy) throw new Error('policy');
  const files: Record<string, string> = {};
  if (i.head !== undefined) files[LOG] = i.head;
  const lastLine = i.head?.trimEnd().split('\n').pop();
  const auditHead = i.auditHead === undefined ? (lastLine ? sha256Hex(lastLine) : undefined) : i.auditHead;
  files[REC] = JSON.stringify({
    last_good_sha: B,
    deployed_at: '2026-01-09T10:00:00Z',
    ...(auditHead ? { audit_head: auditHead } : {}),
  });
  const baseFiles: Record<string, string | undefined> = { [i.basePath ?? LOG]: i.base };
  const change: ChangeSet = {
    base: BASE,
    head: 'd'.repeat(40),
    files: i.files ?? [{ status: 'modified', path: LOG }],
    commits: [],
    readBase: (p) => baseFiles[p],
  };
  return {
    policy,
    repo: new MemoryRepo(files),
    now: new Date(),
    env: {},
    ...(i.noChange ? {} : { change }),
  };
}

/** AUD005 as the family runs it: on the audit facts, or on the deleted log when there are none. */
function check(i: Input) {
  const ctx = context(i);
  return rewrittenSinceBase.check({ ctx, log: readAuditFacts(ctx), directory: false });
}

describe('AUD005: audit entries removed or changed since the base', () => {
  it('near misses: a pure append, no change at all, no base log, no change set', () => {
    expect(check({ base: join(story.slice(0, 2)), head: join(story) })).toEqual([]);
    expect(check({ base: join(story), head: join(story) })).toEqual([]);
    expect(check({ base: undefined, head: join(story) })).toEqual([]);
    expect(check({ base: join(story), head: join(story.slice(0, 2)), noChange: true })).toEqual([]);
    expect(check({ base: '', head: join(story) })).toEqual([]);
  });

  it("near miss: a torn last line at base that Slipway's next append closed with a newline", () => {
    const base = `${join(story.slice(0, 2))}{"v":1,"time":"2026-01`;
    // The torn line is not part of the chain: the next entry chains to the one before it.
    expect(check({ base, head: `${base}\n${story[2]}\n` })).toEqual([]);
  });

  it('near misses: a torn, malformed or blank line of the base deleted (AUD001/AUD004 say to)', () => {
    const torn = `${join(story.slice(0, 2))}{"v":1,"time":"2026-01`;
    expect(check({ base: torn, head: join(story) })).toEqual([]);
    const base = join([story[0], '', 'not json', story[1]] as string[]);
    expect(check({ base, head: join(story) })).toEqual([]);
  });

  it('near miss: the same entries with CRLF line ends', () => {
    expect(check({ base: join(story), head: story.map((l) => `${l}\r\n`).join('') })).toEqual([]);
  });

  it("the reviewer's repro: a failed promote and its correction erased, the record resealed", () => {
    const head = join(story.slice(0, 2));
    const f = check({ base: join(story), head });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      rule: 'AUD005',
      severity: 'error',
      file: LOG,
      // The end of the file: where the missing entries were.
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
    });
    expect(f[0]?.message).toContain('the log ends here, but it had 6 entries at the base cccccccccccc');
    expect(f[0]?.message).toContain('4 are missing');
    expect(f[0]?.message).toContain(`git checkout cccccccccccc -- ${LOG}`);
  });

  it('anchors at the first changed entry when entries were cut from the middle and the chain rebuilt', () => {
    // Entries 2–5 gone, a new entry appended, every prev recomputed: AUD002 sees an intact chain.
    const rebuilt = chain([{ outcome: 'started' }, {}, { reason: 'later' }]);
    const f = check({ base: join(story), head: join(rebuilt) });
    expect(f).toMatchObject([{ rule: 'AUD005', range: { start: { line: 2 }, end: { line: 2 } } }]);
    expect(f[0]?.message).toContain('line 3 is not the entry the log had here');
    expect(f[0]?.message).toContain('4 of its 6 entries are missing or changed');
  });

  it('counts one edited entry (and the rechained ones after it, whose prev changed)', () => {
    const edited = chain([{ outcome: 'started' }, { reason: 'edited' }]);
    const f = check({ base: join(story.slice(0, 2)), head: join(edited) });
    expect(f).toMatchObject([{ range: { start: { line: 1 } } }]);
    expect(f[0]?.message).toContain('1 of its 2 entries is missing or changed');
  });

  it('says "reordered" when every base entry is still there but not in its place', () => {
    const swapped = [story[1], story[0], ...story.slice(2)] as string[];
    const f = check({ base: join(story), head: join(swapped) });
    expect(f).toMatchObject([{ range: { start: { line: 0 } } }]);
    expect(f[0]?.message).toContain('inserted before or reordered among the 6 entries');
  });

  it('reports an emptied log at its end, and a deleted one at the policy key', () => {
    expect(check({ base: join(story), head: '', auditHead: null })).toMatchObject([
      { file: LOG, range: { start: { line: 0, character: 0 } } },
    ]);
    // The record still names a head (AUD002 also speaks), and the record without one.
    for (const auditHead of [headOf(story), null]) {
      const f = check({ base: join(story), head: undefined, auditHead });
      expect(f).toMatchObject([{ rule: 'AUD005', file: 'slipway.yaml' }]);
      expect(f[0]?.message).toContain('was deleted since the base cccccccccccc, where it had 6 entries');
    }
    // A base log without a single entry lost nothing.
    expect(check({ base: '\n', head: undefined, auditHead: null })).toEqual([]);
  });

  it('a deleted log of one entry: "1 entry", at the deploy section of the policy', () => {
    const f = check({ base: join(story.slice(0, 1)), head: undefined, auditHead: null });
    expect(f).toMatchObject([{ rule: 'AUD005', file: 'slipway.yaml', range: { start: { line: 1 } } }]);
    expect(f[0]?.message).toContain('where it had 1 entry;');
  });

  it('near miss: a folder at the log’s path is AUD001’s, not a deleted log', () => {
    const ctx = context({ base: join(story), head: undefined, auditHead: null });
    expect(rewrittenSinceBase.check({ ctx, log: undefined, directory: true })).toEqual([]);
    expect(rewrittenSinceBase.check({ ctx, log: undefined, directory: false })).toHaveLength(1);
  });

  it('past a malformed line of the base that is gone, anchors at the first entry that differs', () => {
    const other = chain([{ reason: 'other' }, { reason: 'other' }, { reason: 'other' }])[2] as string;
    const base = join([story[0], 'not json', story[1], story[2]] as string[]);
    const f = check({ base, head: join([story[0], story[1], other] as string[]) });
    expect(f).toMatchObject([{ rule: 'AUD005', range: { start: { line: 2 } } }]);
    expect(f[0]?.message).toContain('line 3 is not the entry the log had here');
  });

  it('follows a rename of the log in the change', () => {
    const old = 'logs/audit.jsonl';
    const files: ChangedFile[] = [{ status: 'renamed', path: LOG, oldPath: old }];
    expect(check({ base: join(story), head: join(story), files, basePath: old })).toEqual([]);
    expect(check({ base: join(story), head: join(story.slice(0, 3)), files, basePath: old })).toHaveLength(1);
  });

  it('runs as part of the AUD family, deleted log included', () => {
    expect(auditLogFamily.rules.map((r) => r.id)).toContain('AUD005');
    const ctx = context({ base: join(story), head: join(story.slice(0, 2)) });
    expect(auditLogFamily.check(ctx).findings.map((f) => f.rule)).toEqual(['AUD005']);
    const gone = context({ base: join(story), head: undefined, auditHead: null });
    expect(auditLogFamily.check(gone).findings.map((f) => f.rule)).toEqual(['AUD005']);
  });
});
