import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  lstatSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { slipwayAsync } from '../helpers/cli.js';
import { IDENTITY, TempRepo } from '../helpers/git-repo.js';

/**
 * The harness of the hostile-input tests: a repository with the worst input we could think of
 * for one reader, run through the built CLI as a user runs it. `slipway check --tree` must
 * answer with findings (exit 1) or one clear line (exit 2), never a stack trace or "internal
 * error", must write nothing, and must quote nothing from outside the repository.
 */

// `outside` is made when this module loads and again before each group of cases whose end
// removed it: the module is loaded once per worker and shared by every hostile test file that
// worker runs (vitest's `isolate: false`), so cleaning up after one file must not leave the
// next without it.
const repos: TempRepo[] = [];
export const outside = mkdtempSync(join(tmpdir(), 'slipway-outside-'));

/** A secret beside the repository that no finding may quote. */
export const SECRET = 'hunter2-do-not-print';
const writeSecret = () => {
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, 'secret.txt'), `${SECRET}\n`);
};
writeSecret();

export const POLICY = `version: 1
dependencies:
  requirements: requirements.txt
  lock: requirements.lock
migrations:
  alembic: alembic/versions
  sql: ["db/**/*.sql"]
deploy:
  record: infrastructure/LAST_PROD_DEPLOY.json
  audit_log: infrastructure/audit.log
update:
  config: config/update.toml
`;

const BASE: Record<string, string | Buffer> = {
  'slipway.yaml': POLICY,
  'requirements.txt': 'fastapi==0.110.0\n',
  'requirements.lock': 'fastapi==0.110.0\n',
  'alembic/versions/0001_base.py':
    "revision = '0001'\ndown_revision = None\n\ndef upgrade():\n    pass\n\ndef downgrade():\n    pass\n",
};

export const repeat = (s: string, n: number) => s.repeat(n);

/** Every file under dir (but .git) with its content hash: what "nothing written" compares. */
export function snapshot(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(dir, rel)).sort()) {
    if (name === '.git') continue;
    const path = rel ? `${rel}/${name}` : name;
    const full = join(dir, path);
    // lstat: a link is its target's name (never followed: it may lead to /dev/zero or out of
    // the repository), and a FIFO is never read (it would wait for a writer).
    const st = lstatSync(full);
    if (st.isSymbolicLink()) out[path] = `link to ${readlinkSync(full)}`;
    else if (st.isDirectory()) Object.assign(out, snapshot(dir, path));
    else if (!st.isFile()) out[path] = 'special';
    else out[path] = createHash('sha256').update(readFileSync(full)).digest('hex');
  }
  return out;
}

/**
 * An empty repository (`git init`), made once per test process and copied for each case: a spawn
 * from a test worker forks the whole worker, and each case is one CLI run besides. Removed when
 * the process exits: the test files a worker runs share this module.
 */
let empty: TempRepo | undefined;
function emptyRepo(): TempRepo {
  if (!empty) {
    const made = new TempRepo();
    process.once('exit', () => made.dispose());
    empty = made;
  }
  return empty;
}

export function repoWith(
  files: Record<string, string | Buffer | null>,
  links: Record<string, string> = {},
  fifos: readonly string[] = [],
): TempRepo {
  const r = new TempRepo({}, emptyRepo());
  repos.push(r);
  for (const [path, content] of Object.entries({ ...BASE, ...files })) {
    if (content === null) continue;
    const full = join(r.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  for (const [path, target] of Object.entries(links)) {
    mkdirSync(dirname(join(r.dir, path)), { recursive: true });
    symlinkSync(target, join(r.dir, path));
  }
  // git add and commit in one process started from here (a shell's fork is small).
  execFileSync('sh', ['-c', 'git add -A && git commit -q -m hostile'], {
    cwd: r.dir,
    env: { ...process.env, ...IDENTITY },
  });
  // After the commit (git cannot hold one): a FIFO in place of a tracked file, as a checkout
  // tampered with on the machine would have it.
  for (const path of fifos) {
    rmSync(join(r.dir, path), { force: true });
    execFileSync('mkfifo', [join(r.dir, path)]);
  }
  return r;
}

export interface Case {
  name: string;
  /** null: leave out a file of BASE. */
  files: Record<string, string | Buffer | null>;
  links?: Record<string, string>;
  /** Tracked files replaced by a FIFO after the commit. */
  fifos?: string[];
  /**
   * Exit 2 with this one line, or exit 1 with a finding of this rule matching the message (on
   * `file`, when given).
   */
  expect: { line: RegExp } | Expected;
  /** Findings that must be there as well: the rest of the repository was still checked. */
  also?: Expected[];
}

interface Expected {
  rule: string;
  message: RegExp;
  file?: string;
  /** The only finding of its rule (a binary file is one finding, not one per line). */
  single?: true;
  /** An error: the check fails (exit 1), so nothing hidden in the file passes unseen. */
  error?: true;
}

type Reported = { rule: string; message: string; file: string; severity: string };

const found = (findings: Reported[], e: Expected) =>
  findings.some(
    (f) =>
      f.rule === e.rule &&
      e.message.test(f.message) &&
      (!e.file || f.file === e.file) &&
      (!e.error || f.severity === 'error'),
  );

/** One `it` per case: the CLI's answer is the expected finding or line, and nothing changed. */
export function itAnswers(cases: Case[]): void {
  beforeAll(writeSecret);
  afterAll(() => {
    for (const r of repos.splice(0)) r.dispose();
    rmSync(outside, { recursive: true, force: true });
  });
  for (const c of cases) {
    it(c.name, async () => {
      const r = repoWith(c.files, c.links, c.fifos);
      const before = snapshot(r.dir);
      const outsideBefore = snapshot(outside);
      // Awaited, not spawnSync: the biggest of these runs for seconds, tens on a loaded machine,
      // and a worker blocked past vitest's 60 s RPC timeout fails the whole run.
      const res = await slipwayAsync(['check', '--tree', '--format', 'json'], { cwd: r.dir });
      const all = `${res.stdout}\n${res.stderr}`;
      expect(all).not.toMatch(/\n\s+at |internal error|RangeError|Maximum call stack/);
      expect(all).not.toContain(SECRET);
      if ('line' in c.expect) {
        expect(res.code).toBe(2);
        expect(res.stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(res.stderr).toMatch(c.expect.line);
      } else {
        expect(res.stderr).toBe('');
        expect([0, 1]).toContain(res.code);
        const findings = (JSON.parse(res.stdout) as { findings: Reported[] }).findings;
        const listed = JSON.stringify(findings.map((f) => `${f.rule} ${f.file} ${f.message.slice(0, 120)}`));
        expect(found(findings, c.expect), listed).toBe(true);
        const { rule, single, error } = c.expect;
        if (error) expect(res.code).toBe(1);
        if (single)
          expect(
            findings.filter((f) => f.rule === rule),
            listed,
          ).toHaveLength(1);
        for (const e of c.also ?? []) expect(found(findings, e), listed).toBe(true);
      }
      expect(snapshot(r.dir)).toEqual(before);
      expect(snapshot(outside)).toEqual(outsideBefore);
    });
  }
}
