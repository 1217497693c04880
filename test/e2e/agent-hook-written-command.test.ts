import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';
import { CLI, cliEnv, slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';

// The hook command `slipway init --agents` writes, run by sh as each agent runs it, in front of
// the real Slipway and of one that never answers or dies. Every agent runs the call when its hook
// times out or fails, so the command itself must refuse then: a deadline under the agent's
// timeout, and any end of Slipway's but its answers (exit 0 or 2) read as a refusal.
const session = new AgentSession(
  {
    'slipway.yaml': 'version: 1\nproduction_branch: main\nagents:\n  allowed: [docs/, db/]\n',
    '.gitignore': 'node_modules/\n',
    'docs/guide.md': '# Guide\n',
  },
  { process: true },
);
const at = (rel: string) => session.at(rel);

/** Each agent's written command, as `init --agents all` writes it into a fresh repository. */
const written: Record<string, string> = {};
beforeAll(() => {
  const scratch = new TempRepo({ 'README.md': '# x\n' });
  try {
    const r = slipway(['init', '--agents', 'all'], { cwd: scratch.dir });
    if (r.code !== 0) throw new Error(`init --agents: ${r.stderr}`);
    const json = (rel: string) => JSON.parse(readFileSync(join(scratch.dir, rel), 'utf8'));
    written.claude = json('.claude/settings.json').hooks.PreToolUse[0].hooks[0].command;
    written.codex = json('.codex/hooks.json').hooks.PreToolUse[0].hooks[0].command;
    written.copilot = json('.github/hooks/slipway.json').hooks.preToolUse[0].bash;
    written.cursor = json('.cursor/hooks.json').hooks.preToolUse[0].command;
    written.gemini = json('.gemini/settings.json').hooks.BeforeTool[0].hooks[0].command;
    written.timeouts = JSON.stringify([
      json('.claude/settings.json').hooks.PreToolUse[0].hooks[0].timeout,
      json('.codex/hooks.json').hooks.PreToolUse[0].hooks[0].timeout,
      json('.github/hooks/slipway.json').hooks.preToolUse[0].timeoutSec,
      json('.cursor/hooks.json').hooks.preToolUse[0].timeout,
      json('.gemini/settings.json').hooks.BeforeTool[0].hooks[0].timeout,
    ]);
  } finally {
    rmSync(scratch.dir, { recursive: true, force: true });
  }
});

/** The repository's node_modules/.bin/slipway, where the written command looks first. */
function install(script: string) {
  mkdirSync(at('node_modules/.bin'), { recursive: true });
  writeFileSync(at('node_modules/.bin/slipway'), `#!/bin/sh\n${script}\n`);
  chmodSync(at('node_modules/.bin/slipway'), 0o755);
}
const realSlipway = () => install(`exec "${process.execPath}" "${CLI}" "$@"`);

/** The command run as the agent runs it: `sh -c`, the hook input on stdin, in the repository. */
function runWritten(command: string, input: unknown) {
  const r = spawnSync('sh', ['-c', command], {
    cwd: session.dir,
    env: cliEnv(),
    input: JSON.stringify(input),
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

// One call each agent must be refused (a write to the policy itself) and one it must not be.
const calls: Record<string, (rel: string) => unknown> = {
  claude: (rel) => session.claude('Write', { file_path: at(rel), content: 'x\n' }),
  codex: (rel) => ({
    session_id: 's',
    cwd: session.dir,
    hook_event_name: 'PreToolUse',
    tool_name: 'apply_patch',
    tool_input: { command: `*** Begin Patch\n*** Add File: ${rel}\n+x\n*** End Patch` },
  }),
  copilot: (rel) => ({
    timestamp: 1,
    cwd: session.dir,
    toolName: 'create',
    toolArgs: JSON.stringify({ path: at(rel), file_text: 'x\n' }),
  }),
  cursor: (rel) => ({
    conversation_id: 'c',
    generation_id: 'g',
    workspace_roots: [session.dir],
    hook_event_name: 'preToolUse',
    tool_name: 'Write',
    tool_input: { file_path: at(rel), contents: 'x\n' },
    tool_use_id: 't',
  }),
  gemini: (rel) => ({
    session_id: 'g',
    cwd: session.dir,
    hook_event_name: 'BeforeTool',
    tool_name: 'write_file',
    tool_input: { file_path: at(rel), content: 'x\n' },
  }),
};

/** Whether an answer is a refusal as this agent reads one (answers.ts; the agents' README). */
function refused(agent: string, r: { code: number; stdout: string }): boolean {
  if (agent === 'copilot') return r.code === 0 && JSON.parse(r.stdout).permissionDecision === 'deny';
  // Cursor reads `deny` on stdout after exit 0, and current releases deny on exit 2 too.
  if (agent === 'cursor') return [0, 2].includes(r.code) && JSON.parse(r.stdout).permission === 'deny';
  return r.code === 2;
}

const AGENTS = ['claude', 'codex', 'copilot', 'cursor', 'gemini'] as const;

describe("the written hook command around Slipway's answers", () => {
  it('is written with a deadline of 25 s under each agent timeout of 30 s', () => {
    expect(written.timeouts).toBe(JSON.stringify([30, 30, 30, 30, 30000]));
    for (const agent of AGENTS) expect(written[agent]).toContain('sleep 25 ');
  });

  for (const agent of AGENTS)
    it(`${agent}: hands on Slipway's answer as it is, a refusal and a call let through`, () => {
      realSlipway();
      const call = calls[agent] as (rel: string) => unknown;
      const deny = runWritten(written[agent] as string, call('slipway.yaml'));
      const direct = session.hook(agent, call('slipway.yaml'));
      expect(deny).toEqual(direct);
      expect(refused(agent, deny)).toBe(true);
      const allow = runWritten(written[agent] as string, call('docs/new.md'));
      expect(allow.code).toBe(0);
      expect(allow.stdout).not.toMatch(/deny/);
    });

  it('leaves no watchdog behind once Slipway has answered', () => {
    realSlipway();
    // A deadline no other process on the machine sleeps for, to find its sleep by.
    const command = (written.claude as string).replace('sleep 25 ', 'sleep 24.9137 ');
    expect(runWritten(command, calls.claude?.('docs/new.md')).code).toBe(0);
    const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout;
    expect(ps).not.toContain('sleep 24.9137');
  });
});

describe('the written hook command when Slipway gives no answer', () => {
  // The written deadline (25 s) shortened to 1 s: the command is otherwise as written.
  const shortened = (agent: string) => {
    expect(written[agent]).toContain('sleep 25 ');
    return (written[agent] as string).replace('sleep 25 ', 'sleep 1 ');
  };

  for (const agent of AGENTS)
    it(`${agent}: a Slipway that runs past the deadline is stopped and the call refused`, () => {
      install('cat > /dev/null; while :; do :; done');
      const r = runWritten(shortened(agent), calls[agent]?.('docs/new.md'));
      expect(refused(agent, r)).toBe(true);
      expect(r.stderr).toContain(
        `slipway hook ${agent} gave no decision (exit 137: stopped at the 25 s deadline`,
      );
    });

  for (const [how, script, code] of [
    ['crashes (exit 1)', 'cat > /dev/null; echo "TypeError: boom" >&2; exit 1', 1],
    ['is killed', 'cat > /dev/null; kill -9 $$', 137],
    ['cannot start (exit 127)', 'exec /nonexistent/node "$@"', 127],
  ] as const)
    for (const agent of AGENTS)
      it(`${agent}: a Slipway that ${how} leaves the call refused`, () => {
        install(script);
        const r = runWritten(written[agent] as string, calls[agent]?.('docs/new.md'));
        expect(refused(agent, r)).toBe(true);
        expect(r.stderr).toContain(`gave no decision (exit ${code}:`);
      });
});
