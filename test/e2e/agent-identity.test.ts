import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// What the command decides on each input: the built CLI run in this process (in-process-cli.ts).
import { slipwayInProcess as slipway } from '../helpers/in-process-cli.js';
import type { TempRepo } from '../helpers/git-repo.js';
import { commitAs, GITHUB, json, repoFactory } from './e2e-helpers.js';

/**
 * Who made a change, on real git repositories: an agent's change is one whose branch, pull
 * request author or any commit (author, committer, Co-authored-by / Generated-by / Assisted-by
 * trailer) says so, by the policy's own lists or by a preset that is on by default. A human's
 * change to a protected path is PATH001; an agent's is PATH003, which names the signal.
 */

const POLICY = `version: 1
production_branch: main
protected:
  paths: [core/]
`;
const HUMAN = { name: 'Dev Human', email: 'dev@example.com' };
const CLAUDE_TRAILER = 'Co-authored-by: Claude <noreply@anthropic.com>';

const repo = repoFactory();

function base(policy = POLICY): { r: TempRepo; first: string } {
  const r = repo({ 'slipway.yaml': policy, 'core/a.py': 'a = 0\n', 'docs/a.md': 'a\n' });
  return { r, first: r.commit('init') };
}

/** One commit on `branch` changing the protected file, with `message` (subject, body, trailers). */
function change(r: TempRepo, branch: string, message: string, who = HUMAN): string {
  r.git('checkout', '-q', '-b', branch);
  r.write({ 'core/a.py': `a = ${Math.random()}\n` });
  return commitAs(r, who, who, message);
}

const pathFindings = (r: TempRepo, first: string, env: Record<string, string> = {}) =>
  json(
    slipway(['check', '--format', 'json', '--base', first, '--rule', 'PATH', '--rule', 'POL'], {
      cwd: r.dir,
      env,
    }),
  ).findings;

describe('agent identity: any signal makes the change an agent’s', () => {
  it('a Co-authored-by: Claude trailer on a human-named branch: PATH003, naming the trailer and the commit', () => {
    const { r, first } = base();
    const sha = change(r, 'feature/x', `Tidy the core\n\nSome words.\n\n${CLAUDE_TRAILER}\n`);
    const [f, ...rest] = pathFindings(r, first);
    expect(rest).toEqual([]);
    expect(f?.rule).toBe('PATH003');
    expect(f?.message).toContain(
      `in this agent change (${CLAUDE_TRAILER} in commit ${sha.slice(0, 7)} (the claude preset))`,
    );
  });

  it('near misses stay human: a person named Claude, a quoted trailer, a trailer inside a sentence', () => {
    for (const [who, message] of [
      [{ name: 'Claude Monet', email: 'claude@monet.example' }, 'Paint the core'],
      [HUMAN, `Revert\n\nThe reviewer wrote:\n> ${CLAUDE_TRAILER}\n> was wrong here.\n`],
      [HUMAN, `Explain\n\nWe dropped the line\n${CLAUDE_TRAILER}\nfrom the template because it misled.\n`],
    ] as const) {
      const { r, first } = base();
      change(r, 'feature/x', message, who);
      expect(pathFindings(r, first).map((f) => f.rule)).toEqual(['PATH001']);
    }
  });

  it('one agent commit among twenty human ones makes the change an agent’s', () => {
    const { r, first } = base();
    r.git('checkout', '-q', '-b', 'feature/long');
    for (let i = 0; i < 20; i++) {
      r.write({ 'docs/a.md': `${i}\n` });
      commitAs(r, HUMAN, HUMAN, `human ${i}`);
      if (i === 7) {
        r.write({ 'core/a.py': 'a = 7\n' });
        commitAs(r, HUMAN, HUMAN, `with help\n\n${CLAUDE_TRAILER}`);
      }
    }
    expect(pathFindings(r, first).map((f) => f.rule)).toEqual(['PATH003']);
  });

  it('a rebased agent commit whose author was rewritten keeps its trailer, and a squash merge its co-authors', () => {
    const { r, first } = base();
    change(r, 'auto-less/x', `agent work\n\n${CLAUDE_TRAILER}`, {
      name: 'agent',
      email: 'agent@example.com',
    });
    r.gitAs(HUMAN, 'commit', '-q', '--amend', '--reset-author', '--no-edit');
    expect(pathFindings(r, first).map((f) => f.rule)).toEqual(['PATH003']);

    const squash = base();
    squash.r.write({ 'core/a.py': 'a = 9\n' });
    commitAs(
      squash.r,
      HUMAN,
      GITHUB,
      `Tidy (#12)\n\n* tidy\n\n* more\n\n${CLAUDE_TRAILER}\nCo-authored-by: Dev Human <dev@example.com>`,
    );
    expect(pathFindings(squash.r, squash.first).map((f) => f.rule)).toEqual(['PATH003']);
  });

  it('`slipway explain --change` says who made the change and why, or that it is a human’s', () => {
    const { r, first } = base();
    const sha = change(r, 'feature/x', `Tidy\n\n${CLAUDE_TRAILER}`);
    const agent = slipway(['explain', '--change', '--base', first], { cwd: r.dir });
    expect(agent.code).toBe(0);
    expect(agent.stdout.split('\n')[0]).toBe(
      `An agent's change, by Claude Code (an agent): ${CLAUDE_TRAILER} in commit ${sha.slice(0, 7)} (the claude preset).`,
    );
    const human = base();
    change(human.r, 'feature/y', 'Tidy by hand');
    expect(slipway(['explain', '--change', '--base', human.first], { cwd: human.r.dir }).stdout).toBe(
      "A human's change: no branch, pull request author, commit author or committer, or trailer of its 1 commit matches an agent.\n",
    );
  });

  it('a Copilot branch (copilot/**) is an agent branch by its preset, though the policy names none', () => {
    const { r, first } = base();
    change(r, 'copilot/fix-123', 'Fix');
    const [f] = pathFindings(r, first);
    expect(f?.rule).toBe('PATH003');
    expect(f?.message).toContain('on agent branch `copilot/fix-123` (the copilot preset)');
  });

  it('a bot’s routine change is held to the rules for people; an agent commit on a bot branch is an agent’s', () => {
    // The allow-list init writes, a Dependabot branch bumping a workflow action and a requirement.
    const policy = `${POLICY}agents:\n  allowed: [/docs/]\n`;
    const { r, first } = base(policy);
    r.git('checkout', '-q', '-b', 'dependabot/github_actions/actions/checkout-5');
    r.write({ '.github/workflows/ci.yml': 'uses: actions/checkout@v5\n', 'requirements.txt': 'a==2\n' });
    commitAs(
      r,
      { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com' },
      GITHUB,
      'Bump',
    );
    // PATH004 as for a person (the label lifts it), no PATH002 for leaving agents.allowed.
    expect(pathFindings(r, first).map((f) => `${f.rule} ${f.severity}`)).toEqual(['PATH004 warning']);
    const labelled = json(
      slipway(
        ['check', '--format', 'json', '--base', first, '--rule', 'PATH', '--label', 'approved-core-change'],
        {
          cwd: r.dir,
        },
      ),
    );
    expect(labelled.findings).toEqual([]);
    // An agent's commit on the bot's branch makes it an agent's change.
    r.write({ 'src/x.py': 'x = 1\n' });
    commitAs(r, HUMAN, HUMAN, `Also this\n\n${CLAUDE_TRAILER}`);
    expect(pathFindings(r, first).map((f) => `${f.rule} ${f.severity} ${f.file}`)).toEqual([
      'PATH004 error .github/workflows/ci.yml',
      'PATH002 error requirements.txt',
      'PATH002 error src/x.py',
    ]);
  });

  it('agents.bots: a bot held to its own allow-list and its own caps, apart from agents', () => {
    const policy = `${POLICY}agents:\n  allowed: [/docs/]\n  limits: { lines: 5 }\n  bots:\n    allowed: [requirements*.txt, "*.lock"]\n    limits: { lines: 100 }\n`;
    const { r, first } = base(policy);
    r.git('checkout', '-q', '-b', 'dependabot/pip/fastapi-0.111.0');
    const lock = Array.from({ length: 40 }, (_, i) => `pkg${i}==1.0.${i}`).join('\n');
    r.write({
      'requirements.txt': 'fastapi==0.111.0\n',
      'requirements.lock': `${lock}\n`,
      'src/app.py': 'x = 1\n',
    });
    commitAs(
      r,
      { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com' },
      GITHUB,
      'Bump',
    );
    const found = json(
      slipway(['check', '--format', 'json', '--base', first, '--rule', 'PATH', '--rule', 'AGT'], {
        cwd: r.dir,
      }),
    ).findings;
    // Inside the bots' list: the requirements and the lock; outside it: src/app.py. 42 lines are
    // under the bots' cap of 100, though over the agents' 5.
    expect(found.map((f) => `${f.rule} ${f.file}`)).toEqual(['PATH002 src/app.py']);
    expect(found[0]?.message).toContain('is outside what bots may edit');
    expect(found[0]?.message).toContain('(agents.bots.allowed, slipway.yaml line 9: matched by no pattern)');
    // Over the bots' own cap: AGT002 names agents.bots.limits.lines.
    r.write({ 'requirements.lock': `${Array.from({ length: 150 }, (_, i) => `p${i}==2`).join('\n')}\n` });
    commitAs(
      r,
      { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com' },
      GITHUB,
      'Relock',
    );
    const capped = json(
      slipway(['check', '--format', 'json', '--base', first, '--rule', 'AGT'], { cwd: r.dir }),
    ).findings;
    expect(capped.map((f) => f.rule)).toEqual(['AGT002']);
    expect(capped[0]?.message).toMatch(
      /^This bot change .*over the cap of 100 \(agents\.bots\.limits\.lines, slipway\.yaml line 10\)/,
    );
  });

  it('the pull request’s author, from the GitHub event, is a signal', () => {
    const { r, first } = base();
    const head = change(r, 'fix-login', 'Fix login');
    const event = join(r.dir, '..', `${r.dir.split('/').pop()}-event.json`);
    writeFileSync(
      event,
      JSON.stringify({
        pull_request: {
          number: 7,
          user: { login: 'Copilot' },
          labels: [],
          base: { sha: first, ref: 'main' },
          head: { sha: head, ref: 'fix-login' },
        },
      }),
    );
    const [f] = pathFindings(r, first, { GITHUB_EVENT_PATH: event });
    expect(f?.rule).toBe('PATH003');
    expect(f?.message).toContain('pull request by agent account `Copilot` (the copilot preset)');
  });

  it('a preset turned off with a reason: the change is a human’s again, and POL005 shows the reason', () => {
    const policy = `${POLICY}agents:\n  presets_off:\n    - preset: claude\n      reason: we review Claude's work like a colleague's\n`;
    const { r, first } = base(policy);
    change(r, 'feature/x', `Tidy\n\n${CLAUDE_TRAILER}`);
    // POL005 stands on the base's policy, a line this change did not touch: the change's check
    // counts it in a note (change-own-findings.ts); the tree's shows it with its reason.
    const findings = pathFindings(r, first);
    expect(findings.map((f) => `${f.rule} ${f.severity} ${f.line}`)).toEqual(['PATH001 warning 1']);
    const tree = json(
      slipway(['check', '--format', 'json', '--tree', '--rule', 'POL'], { cwd: r.dir }),
    ).findings;
    expect(tree.map((f) => `${f.rule} ${f.severity} ${f.line}`)).toEqual(['POL005 warning 7']);
    expect(tree[0]?.message).toContain(`reason given: "we review Claude's work like a colleague's"`);
  });

  it('a preset that does not exist, or one off without a reason, is an invalid policy: one line, exit 2', () => {
    for (const [entry, problem] of [
      [
        '    - preset: skynet\n      reason: x\n',
        /slipway\.yaml:7:15: invalid policy: `agents\.presets_off\[0\]\.preset`: expected one of "copilot"/,
      ],
      ['    - preset: claude\n', /slipway\.yaml:6:3: invalid policy: `agents\.presets_off\[0\]\.reason`/],
    ] as const) {
      const { r } = base(`${POLICY}agents:\n  presets_off:\n${entry}`);
      const out = slipway(['check', '--tree'], { cwd: r.dir });
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(problem);
      expect(out.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
