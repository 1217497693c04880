import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The project's own dependency-cruiser configuration, run by `pnpm lint`, applied to a small
// tree (fixtures/violations) that breaks each rule once and holds near misses each rule must let
// through: if a rule were mistyped (a regular expression that never matches, a wrong dependency
// type), lint would pass on the real tree and this test would fail.
const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/violations', import.meta.url));

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** dependency-cruiser on the fixture, as scripts/lint.mjs runs it (`err`: the exit status). */
function cruise(outputType: 'err' | 'json') {
  const r = spawnSync(
    `${root}node_modules/.bin/depcruise`,
    ['--config', `${root}.dependency-cruiser.cjs`, '--output-type', outputType, 'packages'],
    { cwd: fixture, encoding: 'utf8' },
  );
  if (r.error) throw r.error;
  return r;
}

describe('the dependency rules (.dependency-cruiser.cjs)', () => {
  const { status } = cruise('err');
  const report = JSON.parse(cruise('json').stdout) as { summary: { violations: Violation[] } };
  const found = report.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();

  it('fail the lint on a tree that points arrows the wrong way', () => {
    expect(status).not.toBe(0);
  });

  it('name each wrong arrow, and nothing else', () => {
    expect(found).toEqual(
      [
        // The pure core's root entry reaches a Node built-in, a Node-only package, the adapters.
        'core-root-without-node: packages/policy-core/src/index.ts -> fs',
        'core-root-without-node-packages: packages/policy-core/src/client.ts -> pg',
        'core-root-not-on-adapters: packages/policy-core/src/index.ts -> packages/policy-core/src/node/index.ts',
        // A rule imports the engine, which imports the rule: a cycle, and a rule that is not a leaf.
        'rules-not-on-engine-or-front-ends: packages/policy-core/src/rules/paths/protected-path.ts -> packages/policy-core/src/engine.ts',
        'no-cycles: packages/policy-core/src/engine.ts -> packages/policy-core/src/rules/paths/protected-path.ts',
        // A domain module below the rules reads a rule's facts; a family runner reads every rule.
        'below-the-rules-not-on-them: packages/policy-core/src/deploy/record-helpers.ts -> packages/policy-core/src/rules/paths/facts/label.ts',
        'runners-given-their-rules: packages/policy-core/src/rules/paths/facts/family.ts -> packages/policy-core/src/rules/registry.ts',
        // Two folders read each other (each way once, no file cycle); a domain module reads the rule contract.
        'no-folder-cycles: packages/policy-core/src/policy -> packages/policy-core/src/suppressions',
        'no-folder-cycles: packages/policy-core/src/suppressions -> packages/policy-core/src/policy',
        'domain-below-the-contract: packages/policy-core/src/deploy/guard-summary.ts -> packages/policy-core/src/rule.ts',
        // A family's facts read one of its rules.
        'facts-below-their-rules: packages/policy-core/src/rules/paths/facts/notice.ts -> packages/policy-core/src/rules/paths/PATH001-protected-without-label.ts',
        // The CLI reaches into the language server's src by relative path.
        'packages-by-name: packages/cli/src/main.ts -> packages/lsp/src/start-server.ts',
        // The protocol entry the extension bundles reaches into the server.
        'lsp-protocol-pure: packages/lsp/src/protocol/index.ts -> packages/lsp/src/start-server.ts',
        // The language service, called without a connection, reaches for the server.
        'lsp-service-without-protocol: packages/lsp/src/service/language-service.ts -> packages/lsp/src/start-server.ts',
      ].sort(),
    );
  });

  it('let through the near misses: adapters on Node, packages by name', () => {
    // packages/policy-core/src/node/index.ts imports node:fs; lsp and cli import @slipway/policy-core.
    expect(found.filter((v) => v.includes('src/node/index.ts ->'))).toEqual([]);
    expect(found.filter((v) => v.includes('lsp/src/start-server.ts ->'))).toEqual([]);
    expect(found.filter((v) => v.includes('cli/src/main.ts -> packages/policy-core'))).toEqual([]);
    // A rule file reads its family's facts.
    expect(found.filter((v) => v.includes('PATH001-protected-without-label.ts ->'))).toEqual([]);
    // A domain module may use the rule families' helper (rule-family.ts), below the contract.
    expect(found.filter((v) => v.includes('-> packages/policy-core/src/rule-family.ts'))).toEqual([]);
    // families.ts hands out the rules; a renderer above the rules reads them.
    expect(found.filter((v) => v.includes('rules/families.ts ->'))).toEqual([]);
    expect(found.filter((v) => v.includes('src/output/'))).toEqual([]);
    // The protocol entry may use its own files.
    expect(found.filter((v) => v.includes('protocol/index.ts -> packages/lsp/src/protocol/'))).toEqual([]);
    // The service may use the protocol's names.
    expect(
      found.filter((v) => v.includes('service/language-service.ts -> packages/lsp/src/protocol/')),
    ).toEqual([]);
  });
});
