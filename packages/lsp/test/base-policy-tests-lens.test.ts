import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandClient } from './helpers/command-client.js';
import { startInProcess } from './helpers/in-process-server.js';
import type { LspSession } from './helpers/lsp-session.js';
import { FixtureRepo } from './helpers/repo-fixture.js';

/**
 * "Run policy tests" on a policy that `extends:` a base: the base's own cases
 * (`policies/base.tests.yaml` beside `policies/base.yaml`) run beside the repository's, judged as
 * `slipway test` judges them (the repository may tighten, never loosen), and a failing one is a
 * diagnostic at the policy's `extends:` line. An edit of the base (open, unsaved) runs them again:
 * the run is keyed on the merged policy, not the policy's own text.
 */
const BASE = `version: 1
protected:
  label: approved-core-change
  paths: [ledger/core/]
`;
const BASE_TESTS = `version: 1
cases:
  - name: a person's change to the ledger's core needs the label
    change:
      files: [ledger/core/post.py]
    expect:
      exit: 1
      findings: [PATH001 ledger/core/post.py]
`;
const POLICY = 'version: 1\nextends: policies/base.yaml\nprotected:\n  paths: [docs/]\n';
const OWN = `version: 1
cases:
  - name: a person's change to the docs needs the label
    change:
      files: [docs/a.md]
    expect:
      findings: [PATH001 docs/a.md]
`;

describe("a base's own policy test cases in the editor", () => {
  let repo: FixtureRepo;
  let lsp: LspSession;

  beforeAll(async () => {
    repo = new FixtureRepo({
      'slipway.yaml': POLICY,
      'slipway.tests.yaml': OWN,
      'policies/base.yaml': BASE,
      'policies/base.tests.yaml': BASE_TESTS,
    });
    lsp = await startInProcess(repo.dir, {});
    new CommandClient(lsp);
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  const run = async () =>
    (await lsp.executeCommand('slipway.server.runPolicyTests', { folder: lsp.uri('') })) as {
      ok: boolean;
      result: { summary: string; cases: { name: string; file: string; line: number; passed: boolean }[] };
    };
  const failures = async () =>
    (await lsp.pull('slipway.yaml'))
      .filter((d) => d.code === 'policy-test')
      .map((d) => [d.range.start.line, String(d.message).split('\n')[0]]);

  it("runs the base's cases beside the repository's, from the base", async () => {
    await lsp.open('slipway.yaml', POLICY, 'yaml');
    const answer = await run();
    expect(answer.ok).toBe(true);
    expect(answer.result.summary).toBe('2 cases: 2 passed');
    expect(answer.result.cases.map((c) => [c.name, c.file, c.line, c.passed])).toEqual([
      ["a person's change to the docs needs the label", 'slipway.tests.yaml', 3, true],
      [
        "a person's change to the ledger's core needs the label (from the base policies/base.yaml)",
        'slipway.yaml',
        2,
        true,
      ],
    ]);
    expect(await failures()).toEqual([]);
  });

  it('an unsaved edit of the base that lets the case through fails it at `extends:`', async () => {
    await lsp.open('policies/base.yaml', BASE, 'yaml');
    // The policy's own text is unchanged: only the merged policy says the run is stale.
    await lsp.change('policies/base.yaml', BASE.replace('[ledger/core/]', '[ledger/legacy/]'));
    expect(await failures()).toEqual([
      [
        1,
        "policy test failed: a person's change to the ledger's core needs the label (from the base policies/base.yaml)",
      ],
    ]);
    await lsp.change('policies/base.yaml', BASE);
    expect(await failures()).toEqual([]);
  });

  it("the repository's own loosening fails the base's case; a broken base test file is one diagnostic at `extends:`", async () => {
    await lsp.change('slipway.yaml', `${POLICY}rules:\n  PATH001: off\n`);
    expect(await failures()).toEqual([
      [
        1,
        "policy test failed: a person's change to the ledger's core needs the label (from the base policies/base.yaml)",
      ],
      // (The repository's own case about the docs fails too, at its name in slipway.tests.yaml.)
    ]);
    await lsp.change('slipway.yaml', POLICY);
    await lsp.open('policies/base.tests.yaml', BASE_TESTS, 'yaml');
    await lsp.change('policies/base.tests.yaml', BASE_TESTS.replace('PATH001 ledger', 'PATH01 ledger'));
    expect(await failures()).toEqual([
      [
        1,
        expect.stringMatching(
          /^policies\/base\.yaml: policies\/base\.tests\.yaml:8:\d+: unknown rule `PATH01`/,
        ),
      ],
    ]);
  });
});
