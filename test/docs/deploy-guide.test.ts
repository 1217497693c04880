import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parsePolicyText } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { shipped } from '../deploy/helpers/prepared-fixture.js';
import { slipway } from '../helpers/cli.js';
import { type FencedBlock, fencedBlocks, namedFile, section } from '../helpers/markdown-blocks.js';

const root = new URL('../../', import.meta.url);
/** The YAML parser policy-core reads policies with (the root package does not depend on it). */
const { parse: parseYaml } = createRequire(new URL('packages/policy-core/package.json', root))('yaml') as {
  parse(text: string): unknown;
};
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

/**
 * The deploy guide and the README's deploy and install sections, checked so that they cannot rot:
 * every YAML block says which file it is; every `slipway.yaml` block is a valid policy by the
 * parser the CLI uses; every `slipway` command line names a command and flags the CLI has.
 */
const pages: { name: string; text: string }[] = [
  { name: 'docs/guides/deploy.md', text: read('docs/guides/deploy.md') },
  { name: 'README.md#deploying', text: section(read('README.md'), 'Deploying') },
  { name: 'README.md#install', text: section(read('README.md'), 'Install') },
];
const blocks = pages.flatMap((p) => fencedBlocks(p.text).map((b) => ({ page: p.name, ...b })));
const where = (b: FencedBlock & { page: string }) => `${b.page}:${b.line}`;
const yamlBlocks = blocks.filter((b) => b.lang === 'yaml');
const policies = yamlBlocks.filter((b) => namedFile(b) === 'slipway.yaml');

describe('the deploy guide and the README deploy section', () => {
  it('every YAML block names its file on its first line: slipway.yaml, .pre-commit-config.yaml or a workflow', () => {
    expect(yamlBlocks.length).toBeGreaterThanOrEqual(5);
    for (const b of yamlBlocks)
      expect(namedFile(b) ?? '', where(b)).toMatch(
        /^(slipway\.yaml|\.pre-commit-config\.yaml|\.github\/workflows\/[\w-]+\.yml)$/,
      );
  });

  it("a workflow's Slipway step uses only inputs action.yml declares; without the registry, `package` names a tarball", () => {
    const inputs = Object.keys((parseYaml(read('action.yml')) as { inputs: Record<string, unknown> }).inputs);
    const steps = yamlBlocks
      .filter((b) => namedFile(b)?.startsWith('.github/workflows/'))
      .flatMap((b) => {
        const jobs = (
          parseYaml(b.text) as { jobs: Record<string, { steps: { uses?: string; with?: object }[] }> }
        ).jobs;
        return Object.values(jobs).flatMap((j) =>
          j.steps.filter((st) => st.uses?.startsWith('slipway-dev/slipway@')),
        );
      });
    expect(steps.length).toBeGreaterThan(0);
    for (const st of steps) for (const key of Object.keys(st.with ?? {})) expect(inputs).toContain(key);
    expect(steps.map((st) => (st.with as { package?: string } | undefined)?.package)).toContain(
      './tools/slipway-cli-0.1.0.tgz',
    );
  });

  it.each(policies.map((b) => [where(b), b] as const))('%s is a valid policy', (_, b) => {
    const parsed = parsePolicyText(b.text, 'slipway.yaml');
    expect(parsed.findings.map((f) => `block line ${f.range.start.line + 1}: ${f.message}`)).toEqual([]);
    expect(parsed.document?.policy.deploy, 'a policy block here shows a deploy section').toBeDefined();
  });

  it('near miss: the parser the blocks go through rejects a key the schema lacks', () => {
    const [first] = policies;
    const misspelt = first?.text.replace('approval: required', 'aproval: required') ?? '';
    expect(misspelt).not.toBe(first?.text);
    expect(
      parsePolicyText(misspelt, 'slipway.yaml')
        .findings.map((f) => f.message)
        .join('\n'),
    ).toMatch(/aproval/);
  });

  it("each page's first policy has staging and production, health checks and production's approval", () => {
    for (const page of ['docs/guides/deploy.md', 'README.md#deploying']) {
      const first = policies.find((b) => b.page === page);
      const deploy = first && parsePolicyText(first.text).document?.policy.deploy;
      expect(Object.keys(deploy?.environments ?? {}).sort(), page).toEqual(['production', 'staging']);
      const { staging, production } = deploy?.environments ?? {};
      expect(staging?.health.length, page).toBeGreaterThan(0);
      expect(production?.health.length, page).toBeGreaterThan(0);
      expect(production?.approval, page).toBe('required');
      expect(production?.require_staging, page).toBe('staging');
    }
  });

  it('the repo: local pre-commit hook is the same in the README and the guide, and runs slipway check', () => {
    const hooks = yamlBlocks.filter(
      (b) => namedFile(b) === '.pre-commit-config.yaml' && /repo: local/.test(b.text),
    );
    expect(hooks.map((b) => b.page).sort()).toEqual(['README.md#install', 'docs/guides/deploy.md']);
    expect(hooks[0]?.text).toBe(hooks[1]?.text);
    expect(hooks[0]?.text).toMatch(/^ +entry: slipway check$/m);
  });

  const commandLines = blocks
    .filter((b) => b.lang === 'sh')
    .flatMap((b) =>
      b.text
        .split('\n')
        .map((l) => l.replace(/\s#.*$/, '').trim())
        .filter((l) => l.startsWith('slipway '))
        .map((l) => [where(b), l] as const),
    );
  const helpOf = new Map<string, string>();
  const help = (command: string) => {
    const known = helpOf.get(command);
    if (known !== undefined) return known;
    const r = slipway(['help', command]);
    expect(r.code, `slipway help ${command}: ${r.stderr}`).toBe(0);
    helpOf.set(command, r.stdout);
    return r.stdout;
  };

  it('the pages show promote, rollback, unpin, watch and history', () => {
    const shown = new Set(commandLines.map(([, l]) => l.split(/\s+/)[1]));
    for (const c of ['promote', 'rollback', 'unpin', 'watch', 'history']) expect(shown).toContain(c);
  });

  it('the rollback and unpin lines shown for CI run as printed, with no terminal: exit 0, pinned then unpinned', async () => {
    const ci = (command: string) =>
      commandLines
        .map(([, l]) => l)
        .filter((l) => l.startsWith(`slipway ${command} `) && / --yes --approved-by /.test(l));
    const [rollback] = ci('rollback');
    const unpins = ci('unpin');
    expect(rollback).toBeDefined();
    expect(unpins.length).toBeGreaterThanOrEqual(2); // the guide's and the README's
    // The line's words as a shell splits them (double quotes only, as the pages write them).
    const words = (line: string) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
    for (const unpin of unpins) {
      const { f, v1 } = await shipped(['production']);
      try {
        for (const line of [rollback ?? '', unpin]) {
          const r = await f.cli(...words(line).slice(1));
          expect(r.code, `${line}\n${r.stdout}${r.stderr}`).toBe(0);
          expect(f.record()?.pinned === true, line).toBe(line === rollback);
        }
        expect(f.record()?.last_good_sha).toBe(v1);
        expect(f.repo.git('status', '--porcelain')).toBe('');
      } finally {
        await f.dispose();
      }
    }
  });

  it.each(commandLines)('%s: %s uses only flags the command has', (_, line) => {
    const [, command = '', ...rest] = line.split(/\s+/);
    const usage = help(command);
    // Asserted on every line: a command whose help was read for an earlier line is cached.
    expect(usage, `slipway help ${command}`).toContain(`slipway ${command}`);
    for (const flag of rest.filter((t) => /^--[a-z]/.test(t)).map((t) => t.split('=')[0] ?? t))
      expect(usage, `${flag} in slipway help ${command}`).toMatch(new RegExp(`(^|\\s)${flag}(\\s|$)`, 'm'));
  });
});
