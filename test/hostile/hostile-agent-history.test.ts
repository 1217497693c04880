import { afterAll, describe, expect, it } from 'vitest';
import { slipwayAsync } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';
import { mustRun } from '../helpers/run-process.js';

/**
 * A history written to get past the identity check, or to stall it: a 10 MB commit message, a
 * trailer too long to read, trailers without a value, author names that are not UTF-8, and a
 * change of 100,000 commits. Each gets an answer in bounded time, and when in doubt the change
 * is judged an agent's (PATH003, not PATH001, on the protected file every history here changes).
 */

const POLICY = 'version: 1\nprotected:\n  paths: [core/]\n';
const HUMAN = 'Dev <dev@example.com>';
const CLAUDE = 'Co-authored-by: Claude <noreply@anthropic.com>';
/**
 * glibc's malloc gives memory back to the system (and asks for it again) around every commit
 * fast-import writes: 16 `brk` calls a commit, 9 s of 1,000 commits on a loaded machine, 0.2 s
 * with the heap kept (measured with `strace -c`). The 100,000-commit history took two minutes.
 */
const FAST_IMPORT_MALLOC = { MALLOC_TRIM_THRESHOLD_: String(1 << 28), MALLOC_TOP_PAD_: String(1 << 28) };
const repos: TempRepo[] = [];
afterAll(() => {
  for (const r of repos) r.dispose();
});

/**
 * A repository on `main` with the policy, and branch `work` holding `commits` (oldest first) and
 * then `humans` one-line human commits, written by one `git fast-import`.
 */
async function history(
  commits: { author: Buffer | string; message: Buffer | string }[],
  humans = 0,
): Promise<{ r: TempRepo; base: string }> {
  const r = new TempRepo({ 'slipway.yaml': POLICY, 'core/a.py': 'a = 0\n' });
  repos.push(r);
  const base = r.commit('init');
  const chunks: Buffer[] = [];
  const push = (s: string | Buffer) => chunks.push(typeof s === 'string' ? Buffer.from(s, 'utf8') : s);
  const data = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'utf8') : b;
    push(`data ${buf.length}\n`);
    push(buf);
    push('\n');
  };
  let parent = base;
  let mark = 1;
  const all = [...commits, ...Array.from({ length: humans }, () => ({ author: HUMAN, message: 'Human\n' }))];
  for (const c of all) {
    push(`commit refs/heads/work\nmark :${mark}\n`);
    push('author ');
    push(c.author);
    push(` ${1700000000 + mark} +0000\ncommitter Dev <dev@example.com> ${1700000000 + mark} +0000\n`);
    data(c.message);
    push(`from ${parent}\nM 100644 inline core/a.py\n`);
    data(`a = ${mark}\n`);
    parent = `:${mark}`;
    mark++;
  }
  // Not execFileSync: 100,000 commits on a loaded machine can take longer than the worker may block.
  await mustRun('git', ['fast-import', '--quiet'], {
    cwd: r.dir,
    input: Buffer.concat(chunks),
    env: { ...process.env, ...FAST_IMPORT_MALLOC },
  });
  r.git('checkout', '-q', 'work');
  return { r, base };
}

async function pathRules(h: { r: TempRepo; base: string }): Promise<string[]> {
  const out = await slipwayAsync(['check', '--format', 'json', '--base', h.base, '--rule', 'PATH'], {
    cwd: h.r.dir,
  });
  expect(out.stderr).not.toMatch(/at .*\.(?:js|mjs|ts):\d+/); // no stack trace
  return (JSON.parse(out.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule);
}

describe('hostile histories: the identity check answers, and judges an agent’s change when in doubt', () => {
  it('a 10 MB commit message ending in a Claude trailer', async () => {
    const message = `Big\n\n${'x'.repeat(80).concat('\n').repeat(125_000)}\n${CLAUDE}\n`;
    expect(await pathRules(await history([{ author: HUMAN, message }]))).toEqual(['PATH003']);
  });

  it('a Co-authored-by trailer of 1 MB is too long to read: judged an agent’s', async () => {
    const message = `Pad\n\nCo-authored-by: ${'A'.repeat(1 << 20)} <someone@example.com>\n`;
    expect(await pathRules(await history([{ author: HUMAN, message }]))).toEqual(['PATH003']);
  });

  it('trailers without a value or a person are no agent (near miss)', async () => {
    const message = 'Odd\n\nCo-authored-by:\nGenerated-by: <>\nAssisted-by: nobody in particular\n';
    expect(await pathRules(await history([{ author: HUMAN, message }]))).toEqual(['PATH001']);
  });

  it('an author name that is not UTF-8: a human stays human, an agent e-mail is still an agent', async () => {
    const latin1 = (name: string, email: string) =>
      Buffer.concat([Buffer.from(name, 'latin1'), Buffer.from(` <${email}>`)]);
    const human = await history([
      { author: latin1('Andr\xe9 M\xfcller', 'andre@example.com'), message: 'Fix\n' },
    ]);
    expect(await pathRules(human)).toEqual(['PATH001']);
    const agent = await history([
      { author: latin1('Copil\xf6t', '198982749+Copilot@users.noreply.github.com'), message: 'Fix\n' },
    ]);
    expect(await pathRules(agent)).toEqual(['PATH003']);
  });

  it('a change of 100,000 commits, the one agent commit the oldest', async () => {
    const h = await history([{ author: HUMAN, message: `Agent\n\n${CLAUDE}\n` }], 99_999);
    expect(await pathRules(h)).toEqual(['PATH003']);
    // A bound for a hung run, not a speed target (the figure is the bench's).
  }, 240_000);
});
