import { readFileSync } from 'node:fs';
import { parsePolicyText, problemLine, readPolicyTestFile, runCase } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { fencedBlocks, namedFile, section } from '../helpers/markdown-blocks.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

/**
 * The policy-tests guide and the README's section, checked so that they cannot rot: the guide's
 * test file is valid and every case passes on the guide's policy; every `slipway` command line
 * names a command and flags the CLI has.
 */
const guide = read('docs/guides/policy-tests.md');
const blocks = fencedBlocks(guide);
const named = (file: string) => blocks.filter((b) => b.lang === 'yaml' && namedFile(b) === file);

describe('docs/guides/policy-tests.md', () => {
  it("its test file's cases all pass on its policy, as its output block says", () => {
    const [policyBlock] = named('slipway.yaml');
    const [testsBlock] = named('slipway.tests.yaml');
    const policy = parsePolicyText(policyBlock?.text ?? '', 'slipway.yaml').document;
    expect(policy).toBeDefined();
    const tests = readPolicyTestFile(testsBlock?.text ?? '', 'slipway.tests.yaml');
    if (!tests.ok) throw new Error(tests.problems.map(problemLine).join('\n'));
    const outcomes = tests.tests.cases.map((c) => runCase(policy as never, c));
    expect(outcomes.filter((o) => !o.passed).map((o) => o.case.name)).toEqual([]);
    const output = blocks.find((b) => b.lang === 'text')?.text ?? '';
    for (const c of tests.tests.cases) expect(output).toContain(`  ✓ ${c.name}\n`);
  });

  it("the README's test file reads and its case passes on the guide's policy", () => {
    const readmeBlock = fencedBlocks(section(read('README.md'), 'Policy tests')).find(
      (b) => namedFile(b) === 'slipway.tests.yaml',
    );
    const policy = parsePolicyText(named('slipway.yaml')[0]?.text ?? '', 'slipway.yaml').document;
    const tests = readPolicyTestFile(readmeBlock?.text ?? '', 'slipway.tests.yaml');
    if (!tests.ok) throw new Error(tests.problems.map(problemLine).join('\n'));
    expect(tests.tests.cases.map((c) => runCase(policy as never, c).passed)).toEqual([true]);
  });

  it('every slipway command line names a command and flags the CLI has', () => {
    const pages = [guide, section(read('README.md'), 'Policy tests')];
    const lines = pages.flatMap((p) =>
      p
        .split('\n')
        .flatMap((l) => [...l.matchAll(/(?:^|[`$"] ?)slipway (test|init|schema)((?: --?[a-z-]+)*)/g)]),
    );
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const [, command, flags] of lines) {
      const help = slipway([command ?? '', '--help']).stdout;
      for (const flag of (flags ?? '').trim().split(/\s+/).filter(Boolean))
        expect(help, `${command} ${flag}`).toContain(flag);
    }
  });
});
