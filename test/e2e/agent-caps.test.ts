import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// What the command decides on each input: the built CLI run in this process (in-process-cli.ts).
import { slipwayInProcess as slipway } from '../helpers/in-process-cli.js';
import type { TempRepo } from '../helpers/git-repo.js';
import { json, repoFactory } from './e2e-helpers.js';

/**
 * The caps on an agent change (agents.limits), on real git repositories: each count at, below
 * and above its cap, counted against the base as git counts it (a rename once, lines from
 * `git diff --numstat`), a human's change never counted, and the approval label lifting a cap.
 */

const POLICY = `version: 1
agents:
  limits:
    files: 3
    lines: 6
    new_dependencies: 0
    migrations: 1
    deleted_files: 1
dependencies:
  requirements: requirements.txt
  lock: requirements.lock
migrations:
  sql: ["db/*.sql"]
`;

const repo = repoFactory();

function base(): { r: TempRepo; first: string } {
  const r = repo({
    'slipway.yaml': POLICY,
    'a.txt': 'a\n',
    'b.txt': 'b\n',
    'c.txt': 'c\n',
    'old.txt': 'one\ntwo\nthree\nfour\nfive\nsix\nseven\n',
    'requirements.txt': 'fastapi==0.110.0\n',
    'requirements.lock': 'fastapi==0.110.0\n',
    'db/001_init.sql': 'CREATE TABLE t (id int);\n',
  });
  const first = r.commit('init');
  r.git('checkout', '-q', '-b', 'copilot/work');
  return { r, first };
}

const caps = (r: TempRepo, first: string) =>
  json(slipway(['check', '--format', 'json', '--base', first, '--rule', 'AGT'], { cwd: r.dir })).findings.map(
    (f) => `${f.rule} ${f.line}`,
  );

describe('agents.limits on an agent change', () => {
  it('at every cap: no finding; one over each: one finding each, at the cap’s line', () => {
    const { r, first } = base();
    // 3 files (a.txt +1 -1, c.txt deleted -1, a migration added +1): 4 lines, 1 deletion, 1 migration.
    r.write({ 'a.txt': 'A\n', 'db/002_more.sql': '-- more\n' });
    r.remove('c.txt');
    r.commit('at the caps');
    expect(caps(r, first)).toEqual([]);

    // Then 6 files, 7 lines, 1 new package, 2 migrations, 2 deletions.
    r.write({ 'db/003_more.sql': '-- more\n', 'requirements.txt': 'fastapi==0.110.0\nhttpx==0.27.0\n' });
    r.remove('b.txt');
    r.commit('over');
    expect(caps(r, first)).toEqual(['AGT001 4', 'AGT002 5', 'AGT003 6', 'AGT004 7', 'AGT005 8']);
  });

  it('a rename counts as one file and no deletion; a rename with no edit adds no lines', () => {
    const { r, first } = base();
    r.git('mv', 'old.txt', 'new.txt');
    r.git('mv', 'a.txt', 'a2.txt');
    r.commit('renames');
    expect(caps(r, first)).toEqual([]);
  });

  it('a human’s change is not capped; the approval label lifts the caps of an agent’s', () => {
    const { r, first } = base();
    r.git('checkout', '-q', '-b', 'feature/big');
    r.write({ 'a.txt': 'A\n', 'b.txt': 'B\n', 'c.txt': 'C\n', 'd.txt': 'D\n' });
    r.commit('big human change');
    expect(caps(r, first)).toEqual([]);
    const labelled = slipway(
      [
        'check',
        '--format',
        'json',
        '--base',
        first,
        '--rule',
        'AGT',
        '--branch',
        'copilot/big',
        '--label',
        'approved-core-change',
      ],
      { cwd: r.dir },
    );
    expect(json(labelled).findings).toEqual([]);
    const unlabelled = slipway(
      ['check', '--format', 'json', '--base', first, '--rule', 'AGT', '--branch', 'copilot/big'],
      {
        cwd: r.dir,
      },
    );
    const [f] = json(unlabelled).findings;
    expect(f?.message).toMatch(
      /^This agent change touches 4 files, over the cap of 3 \(agents\.limits\.files, slipway\.yaml line 4\) on agent branch `copilot\/big` \(the copilot preset\); it (?:needs|lacks) the `approved-core-change` label/,
    );
  });
  // A change that adds a `.gitattributes` marking its own files binary (or `-diff`) would have git
  // count their lines as none; the lines are counted with no attributes, by content, as git does
  // for a file without any.
  it.each([
    ['* binary', '.gitattributes'],
    ['*.txt -diff', '.gitattributes'],
    ['big.txt binary', 'sub/.gitattributes'],
  ])('a `%s` in %s added by the change does not hide its lines', (attributes, where) => {
    const { r, first } = base();
    const big = 'big.txt'.replace(/^/, where.startsWith('sub/') ? 'sub/' : '');
    r.write({ [where]: `${attributes}\n`, [big]: 'x\n'.repeat(20) });
    r.commit('twenty lines, hidden');
    expect(caps(r, first)).toEqual(['AGT002 5']);
  });

  it('a NUL byte in a comment does not make twenty lines of source binary: they count', () => {
    const { r, first } = base();
    r.write({ 'tool.js': `// \0 marks the file binary to git\n${'x++;\n'.repeat(20)}` });
    r.commit('twenty lines, one NUL');
    expect(caps(r, first)).toEqual(['AGT002 5']);
  });

  it('near miss: a real binary file (compressed bytes, newlines among them) still counts no lines', () => {
    const { r, first } = base();
    // Bytes as a compressor writes them: every value alike, 0x0a among them (~1 in 256).
    const bytes = Buffer.from(Array.from({ length: 16_384 }, (_, i) => (i * 2654435761) >>> 24));
    writeFileSync(join(r.dir, 'logo.png'), bytes);
    r.commit('a binary file');
    expect(caps(r, first)).toEqual([]);
  });
});
