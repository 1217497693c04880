import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hookCommand } from '@slipway/policy-core';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The hook command init writes (init/agents/launcher.ts), run by sh: where it finds Slipway, and
 * what it answers when there is none. Its deadline and the refusal of a crash, around the real
 * Slipway: test/e2e/agent-hook-written-command.test.ts.
 */

describe('the hook command, run by sh as an agent runs it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-hook-cmd-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // PATH without any slipway: only the system's sh and git.
  const env = { PATH: '/usr/bin:/bin', CLAUDE_PROJECT_DIR: dir };

  it("runs the repository's node_modules/.bin/slipway with `hook claude` and the agent's JSON on stdin", () => {
    mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
    const shim = join(dir, 'node_modules/.bin/slipway');
    writeFileSync(shim, `#!/bin/sh\necho "$@" > "${dir}/args"\ncat > "${dir}/stdin"\nexit 0\n`);
    chmodSync(shim, 0o755);
    const r = spawnSync('sh', ['-c', hookCommand('claude', 'CLAUDE_PROJECT_DIR')], {
      cwd: tmpdir(),
      env,
      input: '{"tool_name":"Write"}',
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'args'), 'utf8')).toBe('hook claude\n');
    expect(readFileSync(join(dir, 'stdin'), 'utf8')).toBe('{"tool_name":"Write"}');
    rmSync(join(dir, 'node_modules'), { recursive: true });
  });

  // Each agent told "no" the way it reads one: a failing hook lets the call through in all of them.
  const line = (agent: string) =>
    `slipway hook ${agent}: Slipway is not installed in this repository (npm install --save-dev @slipway/cli); the tool call is refused until it is`;
  for (const [agent, code, stdout] of [
    ['claude', 2, ''],
    ['gemini', 2, ''],
    [
      'cursor',
      2,
      JSON.stringify({ permission: 'deny', user_message: line('cursor'), agent_message: line('cursor') }),
    ],
    ['copilot', 0, JSON.stringify({ permissionDecision: 'deny', permissionDecisionReason: line('copilot') })],
  ] as const)
    it(`without Slipway installed ${agent}'s tool call is refused as ${agent} reads a refusal, with one line saying what to install`, () => {
      const r = spawnSync('sh', ['-c', hookCommand(agent, 'CLAUDE_PROJECT_DIR')], {
        cwd: dir,
        env,
        input: '{}',
        encoding: 'utf8',
      });
      expect([r.status, r.stdout.trim(), r.stderr.trim().split('\n')]).toEqual([code, stdout, [line(agent)]]);
    });
});
