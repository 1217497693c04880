import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../packages/cli/src/main.js';
import { IDENTITY, type Who } from '../helpers/git-repo.js';
import { mustRun } from '../helpers/run-process.js';
import { BASE_FILES, ROOT_FILES } from './attack-corpus-base.js';

const run = promisify(execFile);
/** Checks run side by side: each waits on git's processes much of its time. */
const WIDTH = 4;

/**
 * The attack corpus of issue 48, run as CI runs a pull request: one real repository written by
 * `git fast-import` (its main branch the base, each case a branch with the attack, or with a
 * base commit of its own when the case needs one), the case's branch checked out, a
 * `pull_request` event file naming base and head in GITHUB_EVENT_PATH, and `slipway check`
 * through the CLI's own entry in this process (flags, the base's policy, exit code and JSON
 * report as the Action gets them), with the environment of a GitHub runner (CI, no cache).
 */

/** A file of the change: its text, a symbolic link, or null to delete it. */
export type Content = string | Buffer | { link: string } | null;
export type Files = Record<string, Content>;
/** Files, or files written from the root commit's SHA (deploy state names a real commit). */
export type FilesOf = Files | ((root: string) => Files);

export const PERSON: Who = { name: 'Dev Human', email: 'dev@example.com' };
/** An agent as GitHub shows one: a `[bot]` account under its noreply address. */
export const BOT: Who = { name: 'agent[bot]', email: '123+agent[bot]@users.noreply.github.com' };
export const CLAUDE: Who = { name: 'Claude', email: 'noreply@anthropic.com' };
export const DEPENDABOT: Who = {
  name: 'dependabot[bot]',
  email: '49699333+dependabot[bot]@users.noreply.github.com',
};

export interface CommitSpec {
  who?: Who;
  committer?: Who;
  message?: string;
  files: FilesOf;
}

/** What an attack must draw: an error finding of `rule` (on `file`, saying `says`). */
export interface Refusal {
  rule: string;
  file?: string;
  says?: RegExp;
}

export interface AttackCase {
  name: string;
  /** A Refusal for an attack; 'pass' for a near miss (no error finding, exit 0). */
  expect: Refusal | 'pass';
  /** A near miss that leaves this file without any finding, of any severity. */
  silentOn?: string;
  /** The change: one commit of these files, or the commits listed. */
  files?: FilesOf;
  commits?: CommitSpec[];
  /** Files the base of this case has beside (or instead of) the corpus' main. */
  base?: Files;
  /** The pull request's branch: default `auto/c<n>` when `agent`, else `feature/c<n>`. */
  branch?: string;
  /** An agent's change: an agent branch and the agent's identity on the commit. */
  agent?: boolean;
  who?: Who;
  committer?: Who;
  message?: string;
  labels?: string[];
}

export interface Verdict {
  code: number;
  stderr: string;
  findings: { rule: string; severity: string; file: string; message: string }[];
}

const person = (w: Who) => `${w.name} <${w.email}> 1765357200 +0000`;

/** fast-import's lines for a commit on `ref` from `from` writing `files`. */
function commitLines(ref: string, from: string, c: CommitSpec, root = ''): Buffer[] {
  const out: Buffer[] = [];
  const text = (s: string) => out.push(Buffer.from(s, 'utf8'));
  const data = (b: Buffer) => {
    text(`data ${b.length}\n`);
    out.push(b, Buffer.from('\n'));
  };
  const who = c.who ?? PERSON;
  text(`commit ${ref}\nauthor ${person(who)}\ncommitter ${person(c.committer ?? who)}\n`);
  data(Buffer.from(c.message ?? 'change', 'utf8'));
  if (from) text(`from ${from}\n`);
  const files = typeof c.files === 'function' ? c.files(root) : c.files;
  for (const [path, content] of Object.entries(files)) {
    const quoted = JSON.stringify(path);
    if (content === null) text(`D ${quoted}\n`);
    else if (typeof content === 'object' && !Buffer.isBuffer(content)) {
      text(`M 120000 inline ${quoted}\n`);
      data(Buffer.from(content.link, 'utf8'));
    } else {
      text(`M 100644 inline ${quoted}\n`);
      data(Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'));
    }
  }
  return out;
}

export const branchOf = (c: AttackCase, n: number) => c.branch ?? (c.agent ? `auto/c${n}` : `feature/c${n}`);

function commitsOf(c: AttackCase): CommitSpec[] {
  if (c.commits) return c.commits;
  return [
    {
      who: c.who ?? (c.agent ? BOT : PERSON),
      committer: c.committer,
      message: c.message,
      files: c.files ?? {},
    },
  ];
}

export class Corpus {
  readonly dir = mkdtempSync(join(tmpdir(), 'slipway-attack-corpus-'));
  /** The repository (no checkout of its own); its cases' checkouts are beside it in trees/. */
  readonly repo = join(this.dir, 'repo');
  /** The root commit (the deploy record names it) and main. */
  root = '';
  main = '';
  private readonly shas = new Map<number, { base: string; head: string }>();

  private async git(...args: string[]): Promise<string> {
    const r = await run('git', args, { cwd: this.repo, env: { ...process.env, ...IDENTITY } });
    return r.stdout;
  }

  private async load(stream: Buffer[]): Promise<void> {
    await mustRun('git', ['fast-import', '--quiet'], { cwd: this.repo, input: Buffer.concat(stream) });
  }

  /** Every case's base and head, in two fast-imports (main's tip must be known first). */
  async build(cases: readonly AttackCase[]): Promise<void> {
    mkdirSync(join(this.dir, 'events'));
    mkdirSync(this.repo);
    await this.git('init', '-q', '-b', 'main');
    await this.load(commitLines('refs/heads/main', '', { message: 'root', files: ROOT_FILES }));
    this.root = (await this.git('rev-parse', 'main')).trim();
    await this.load(
      commitLines('refs/heads/main', `${this.root}`, {
        message: 'deploy state',
        files: BASE_FILES(this.root),
      }),
    );
    this.main = (await this.git('rev-parse', 'main')).trim();
    const stream: Buffer[] = [];
    cases.forEach((c, n) => {
      const branch = branchOf(c, n);
      let from = this.main;
      if (c.base) {
        stream.push(...commitLines(`refs/heads/base/c${n}`, from, { message: 'base', files: c.base }));
        from = `refs/heads/base/c${n}`;
      }
      // The first commit starts from the base; the next ones follow the branch's tip.
      for (const commit of commitsOf(c)) {
        stream.push(...commitLines(`refs/heads/${branch}`, from, commit, this.root));
        from = '';
      }
    });
    await this.load(stream);
    const names = cases.flatMap((c, n) => [c.base ? `base/c${n}` : 'main', branchOf(c, n)]);
    const resolved = (await this.git('rev-parse', ...names)).trim().split('\n');
    cases.forEach((_, n) => {
      this.shas.set(n, { base: resolved[2 * n] as string, head: resolved[2 * n + 1] as string });
    });
  }

  /**
   * Every case's verdict, WIDTH checks side by side: each of WIDTH checkouts (detached, as
   * actions/checkout leaves a pull request) takes the next case, checks out its head and runs
   * the check there. A checkout moves only the files the cases differ in.
   */
  async checkAll(cases: readonly AttackCase[]): Promise<Map<number, Verdict>> {
    const out = new Map<number, Verdict>();
    let next = 0;
    const trees = Array.from({ length: Math.min(WIDTH, cases.length) }, (_, w) =>
      join(this.dir, `tree-${w}`),
    );
    // Made one after another: `git worktree add` reads the other worktrees' files, and one being
    // made beside it reads as broken ("failed to read .git/worktrees/tree-2/commondir", a CI run).
    for (const tree of trees) await this.git('worktree', 'add', '-q', '--detach', tree, 'main');
    const worker = async (tree: string) => {
      while (next < cases.length) {
        const n = next++;
        const c = cases[n] as AttackCase;
        await this.git('-C', tree, 'checkout', '-q', '-f', '--detach', branchOf(c, n));
        out.set(n, await this.check(c, n, tree));
      }
    };
    await Promise.all(trees.map(worker));
    return out;
  }

  /** Runs `slipway check` in `tree` (the case's head checked out) on its pull-request event. */
  private check(c: AttackCase, n: number, tree: string): Promise<Verdict> {
    const shas = this.shas.get(n);
    if (!shas) throw new Error(`case ${n} was not built`);
    const branch = branchOf(c, n);
    const event = join(this.dir, 'events', `c${n}.json`);
    writeFileSync(
      event,
      JSON.stringify({
        action: 'opened',
        number: n + 1,
        pull_request: {
          number: n + 1,
          labels: (c.labels ?? []).map((name) => ({ name })),
          user: { login: c.agent ? 'agent[bot]' : 'dev-human' },
          base: { sha: shas.base, ref: 'main' },
          head: { sha: shas.head, ref: branch },
        },
      }),
    );
    return runCheck(tree, {
      GITHUB_EVENT_PATH: event,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_HEAD_REF: branch,
      GITHUB_BASE_REF: 'main',
      // A home no case can write to: a committed .gitconfig never becomes git's own.
      HOME: join(this.dir, 'events'),
    });
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** `slipway check --format json` through the CLI's entry, in this process. */
async function runCheck(cwd: string, env: Record<string, string>): Promise<Verdict> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => {
    out += String(d);
  });
  stderr.on('data', (d) => {
    err += String(d);
  });
  const code = await main(['check', '--format', 'json'], {
    cwd,
    env: { PATH: process.env.PATH, ...env },
    stdin: new PassThrough(),
    stdout,
    stderr,
  });
  const findings = out ? (JSON.parse(out) as { findings: Verdict['findings'] }).findings : [];
  return { code, stderr: err, findings };
}
