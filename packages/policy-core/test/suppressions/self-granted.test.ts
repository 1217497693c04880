import { parsePolicyText } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import type { ChangedFile, ChangeSet } from '../../src/change-set.js';
import { findDirectives } from '../../src/suppressions/directives.js';
import { selfGrantedGuard } from '../../src/suppressions/self-granted.js';

/**
 * The guard against an agent lifting its own finding: on an agent's change, a `slipway: allow`
 * comment the change added or altered does not count unless a person approved the change with the
 * protected label; one the base already had (same comment over the same line) still counts, each
 * copy on the base counting once.
 */

const policy = (() => {
  const parsed = parsePolicyText('version: 1\nagents:\n  branches: ["auto/*"]\n', 'slipway.yaml');
  if (!parsed.document) throw new Error(parsed.findings.map((f) => f.message).join('; '));
  return parsed.document;
})();

const ALLOW = '-- slipway: allow MIG001 -- archived first';
const BASE = `SELECT 1;\n${ALLOW}\nDROP TABLE a;\n`;

function change(
  files: ChangedFile[],
  base: Record<string, string>,
  opts: { branch?: string; labels?: string[] } = {},
): ChangeSet & { reads: string[] } {
  const reads: string[] = [];
  return {
    base: 'b',
    head: 'h',
    files,
    commits: [],
    branch: opts.branch ?? 'auto/fix',
    labels: opts.labels ?? [],
    reads,
    readBase(path: string) {
      reads.push(path);
      return base[path];
    },
  };
}

/** The guard's verdict on each directive of `text`, in order. */
function verdicts(c: ChangeSet, file: string, text: string): (string | undefined)[] {
  const guard = selfGrantedGuard(policy, c);
  if (!guard) throw new Error('no guard');
  return findDirectives(text, '--').map((d) => guard(file, text, d));
}

const modified = (path: string): ChangedFile => ({ status: 'modified', path });
const refusal = (file: string, line: number) =>
  `the \`slipway: allow\` comment at ${file}:${line} was added or changed by this change (agent branch \`auto/fix\` (agents.branches \`auto/*\`)) and does not count: a human-approved change (the \`approved-core-change\` label) is needed`;

describe('selfGrantedGuard: who is guarded', () => {
  it('guards nothing when the base cannot be read, on a person’s branch, or with the protected label (any case, among others)', () => {
    const files = [modified('db/a.sql')];
    expect(selfGrantedGuard(policy, undefined)).toBeUndefined();
    expect(selfGrantedGuard(policy, { ...change(files, {}), readBase: undefined })).toBeUndefined();
    expect(selfGrantedGuard(policy, change(files, {}, { branch: 'feature/x' }))).toBeUndefined();
    expect(
      selfGrantedGuard(policy, change(files, {}, { labels: ['needs-review', 'Approved-Core-Change'] })),
    ).toBeUndefined();
  });

  it('guards an agent’s change whose labels do not include the protected one', () => {
    expect(selfGrantedGuard(policy, change([modified('db/a.sql')], {}, { labels: ['approved'] }))).toBeTypeOf(
      'function',
    );
  });
});

describe('selfGrantedGuard: which comments count', () => {
  it('refuses a comment the change added, naming the file, its 1-based line, the agent and the label', () => {
    const c = change([modified('db/a.sql')], { 'db/a.sql': 'SELECT 1;\nDROP TABLE a;\n' });
    expect(verdicts(c, 'db/a.sql', BASE)).toEqual([refusal('db/a.sql', 2)]);
  });

  it('lets a comment the base had over the same line count, and refuses its copy', () => {
    const c = change([modified('db/a.sql')], { 'db/a.sql': BASE });
    expect(verdicts(c, 'db/a.sql', BASE)).toEqual([undefined]);
    const twice = `${BASE}${ALLOW}\nDROP TABLE a;\n`;
    const again = change([modified('db/a.sql')], { 'db/a.sql': BASE });
    expect(verdicts(again, 'db/a.sql', twice)).toEqual([undefined, refusal('db/a.sql', 4)]);
  });

  it('refuses the base’s comment once the line it allows was rewritten', () => {
    const c = change([modified('db/a.sql')], { 'db/a.sql': BASE });
    expect(verdicts(c, 'db/a.sql', BASE.replace('DROP TABLE a', 'DROP TABLE b'))).toEqual([
      refusal('db/a.sql', 2),
    ]);
  });

  it('keys a comment on its lines’ text without their indentation: a re-indented file keeps its comments', () => {
    const c = change([modified('db/a.sql')], { 'db/a.sql': BASE });
    expect(verdicts(c, 'db/a.sql', BASE.replace(ALLOW, `  ${ALLOW}`).replace('DROP', '    DROP'))).toEqual([
      undefined,
    ]);
  });

  it('reads a renamed file’s base under its old name, and a comment on the last line keeps its key', () => {
    const last = `SELECT 1;\n${ALLOW}`;
    const c = change([{ status: 'renamed', path: 'db/b.sql', oldPath: 'db/a.sql' }], { 'db/a.sql': last });
    expect(verdicts(c, 'db/b.sql', last)).toEqual([undefined]);
    expect(c.reads).toEqual(['db/a.sql']);
  });

  it('never reads an added file’s base: all of its comments are the change’s', () => {
    const c = change([{ status: 'added', path: 'db/a.sql' }], { 'db/a.sql': BASE });
    expect(verdicts(c, 'db/a.sql', BASE)).toEqual([refusal('db/a.sql', 2)]);
    expect(c.reads).toEqual([]);
  });

  it('judges only files the change wrote: an untouched or deleted file’s comments are left alone', () => {
    const c = change([modified('db/a.sql'), { status: 'deleted', path: 'db/old.sql' }], {});
    expect(verdicts(c, 'db/other.sql', BASE)).toEqual([undefined]);
    expect(verdicts(c, 'db/old.sql', BASE)).toEqual([undefined]);
    expect(c.reads).toEqual([]);
  });

  it('counts a Python file’s SQL comments on the base as well as its own', () => {
    const py = `op.execute("""\n${ALLOW}\nDROP TABLE a;\n""")\n`;
    const c = change([modified('versions/a1.py')], { 'versions/a1.py': py });
    expect(verdicts(c, 'versions/a1.py', py)).toEqual([undefined]);
    const hash = '# slipway: allow MIG001 -- archived first\nop.drop_table("a")\n';
    const guard = selfGrantedGuard(policy, change([modified('versions/b1.py')], { 'versions/b1.py': hash }));
    const [d] = findDirectives(hash, '#');
    expect(d && guard?.('versions/b1.py', hash, d)).toBeUndefined();
  });
});
