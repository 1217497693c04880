import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { CommandClient } from './helpers/command-client.js';
import { startInProcess } from './helpers/in-process-server.js';
import type { LspSession } from './helpers/lsp-session.js';
import { FixtureRepo } from './helpers/repo-fixture.js';

/**
 * "Run policy tests" from any LSP client: the lens on the policy file runs the cases of
 * slipway.tests.yaml in the server; a failing case is a diagnostic at its name, which goes as
 * soon as the case (or the policy) is put right, unsaved buffers included.
 */
const POLICY = `version: 1
protected:
  label: approved-core-change
  paths: [backend/core/]
`;
const CASES = `version: 1
cases:
  - name: a person's change to core needs the label
    change:
      files: [backend/core/app.py]
    expect:
      findings: [PATH001 backend/core/app.py]
  - name: an agent's change to core passes
    change:
      branch: auto/x
      author: "Claude <noreply@anthropic.com>"
      files: [backend/core/app.py]
    expect:
      exit: 0
`;

describe('policy tests in the editor', () => {
  let repo: FixtureRepo;
  let lsp: LspSession;

  beforeAll(async () => {
    repo = new FixtureRepo({
      'slipway.yaml': POLICY,
      'slipway.tests.yaml': CASES,
      'backend/core/app.py': 'x = 1\n',
    });
    lsp = await startInProcess(repo.dir, {});
    // Answers the server's progress requests, as an editor does.
    new CommandClient(lsp);
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  const lenses = async (path: string) =>
    (await lsp.request('textDocument/codeLens', { textDocument: { uri: lsp.uri(path) } })) as CodeLens[];

  it('shows "Run policy tests" on the policy file and on the test file', async () => {
    await lsp.open('slipway.yaml', POLICY, 'yaml');
    const [lens] = await lenses('slipway.yaml');
    expect(lens?.range.start.line).toBe(0);
    expect(lens?.command).toEqual({
      title: 'Run policy tests',
      command: 'slipway.server.runPolicyTests',
      arguments: [{ folder: lsp.uri('') }],
    });
    await lsp.open('slipway.tests.yaml', CASES, 'yaml');
    expect((await lenses('slipway.tests.yaml')).map((l) => l.command?.command)).toEqual([
      'slipway.server.runPolicyTests',
    ]);
    // Before a run, the test file has no diagnostics.
    expect(await lsp.pull('slipway.tests.yaml')).toEqual([]);
  });

  it('runs the cases in the server; the failing one is a diagnostic at its name, with its diff', async () => {
    const [lens] = await lenses('slipway.yaml');
    const answer = (await lsp.executeCommand(
      lens?.command?.command ?? '',
      ...(lens?.command?.arguments ?? []),
    )) as {
      ok: boolean;
      result: {
        summary: string;
        passed: number;
        failed: number;
        cases: { name: string; line: number; passed: boolean }[];
      };
    };
    expect(answer.ok).toBe(true);
    expect(answer.result).toMatchObject({ summary: '2 cases: 1 passed, 1 failed', passed: 1, failed: 1 });
    expect(answer.result.cases.map((c) => [c.line, c.passed])).toEqual([
      [3, true],
      [8, false],
    ]);
    const items = await lsp.pull('slipway.tests.yaml');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      code: 'policy-test',
      severity: 1,
      source: 'slipway',
      range: { start: { line: 7, character: 10 } },
    });
    expect(String(items[0]?.message).split('\n').slice(0, 3)).toEqual([
      "policy test failed: an agent's change to core passes",
      'exit: expected 0, got 1',
      expect.stringMatching(/^got PATH003 backend\/core\/app\.py: /),
    ]);
    expect((await lenses('slipway.yaml'))[0]?.command?.title).toBe(
      'Run policy tests (last run: 2 cases: 1 passed, 1 failed)',
    );
  });

  it('keeps the diagnostics current as the cases are edited, without saving', async () => {
    await lsp.change('slipway.tests.yaml', CASES.replace('      exit: 0\n', '      exit: 1\n'));
    expect(await lsp.pull('slipway.tests.yaml')).toEqual([]);
    // A broken test file: one diagnostic at its place, nothing run.
    await lsp.change('slipway.tests.yaml', CASES.replace('PATH001 backend', 'PATH01 backend'));
    const broken = await lsp.pull('slipway.tests.yaml');
    expect(broken.map((d) => [d.code, d.range.start.line, d.message])).toEqual([
      [
        'policy-test',
        6,
        'unknown rule `PATH01` in the expected findings (did you mean `PATH001`?); `slipway explain RULE` describes each rule',
      ],
    ]);
  });

  it('a policy edit that unprotects core fails the case that proved it', async () => {
    await lsp.change('slipway.tests.yaml', CASES.replace('      exit: 0\n', '      exit: 1\n'));
    await lsp.change('slipway.yaml', POLICY.replace('[backend/core/]', '[backend/legacy/]'));
    const items = await lsp.pull('slipway.tests.yaml');
    expect(items.map((d) => String(d.message).split('\n')[0])).toEqual([
      "policy test failed: a person's change to core needs the label",
      "policy test failed: an agent's change to core passes",
    ]);
  });
});
