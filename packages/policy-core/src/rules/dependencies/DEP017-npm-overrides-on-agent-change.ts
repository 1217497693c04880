import { agentSignal } from '../../agents/change-author.js';
import type { Finding } from '../../finding.js';
import { canonicalJson as canonical } from '../../requirements/npm/json-members.js';
import type { DepFile } from '../../requirements/dep-file.js';
import { type NpmManifest, readNpmManifest } from '../../requirements/npm/npm-manifest.js';
import { readPnpmWorkspace } from '../../requirements/npm/pnpm-workspace.js';
import type { CheckContext, Rule, RuleExample } from '../../rule.js';
import type { NpmManifestFile } from './facts/npm-manifest-file.js';
import type { PairFacts } from './facts/pair-facts.js';
import { pnpmIgnores } from './facts/pnpm-overrides-read.js';
import type { PairRun } from './facts/pair-run.js';
import { at } from './facts/where.js';

/** The docs examples: a branch forces every copy of minimist to another version. */
function example(verdict: RuleExample['verdict'], branch: string): RuleExample {
  const pkg = (overrides: boolean) =>
    `{\n  "name": "app",\n  "dependencies": {\n    "ms": "^2.1.0"\n  }${overrides ? ',\n  "overrides": {\n    "minimist": "1.2.0"\n  }' : ''}\n}\n`;
  return {
    verdict,
    file: 'package.json',
    text: pkg(true),
    change: {
      branch,
      labels: ['approved-dependency-upgrade'],
      files: ['package.json'],
      base: { 'package.json': pkg(false) },
    },
    beside: {
      'package-lock.json':
        '{\n  "name": "app",\n  "lockfileVersion": 3,\n  "packages": {\n    "": { "name": "app", "dependencies": { "ms": "^2.1.0" } },\n    "node_modules/ms": { "version": "2.1.3", "resolved": "https://registry.npmjs.org/ms/-/ms-2.1.3.tgz" }\n  }\n}\n',
      'slipway.yaml':
        'version: 1\nagents:\n  limits:\n    new_dependencies: 10\ndependencies:\n  requirements: package.json\n  lock: package-lock.json\n',
    },
  };
}

export const npmOverridesOnAgentChange: Rule<PairRun> = {
  id: 'DEP017',
  name: 'npm-overrides-on-agent-change',
  family: 'DEP',
  facts: 'dependency-pair',
  defaultSeverity: 'error',
  title: 'agent change adds or changes overrides or resolutions',
  docs: {
    what:
      "An agent's change (see `agents`) adds or changes `overrides` (npm), `resolutions` (Yarn) or " +
      '`pnpm.overrides` in a package.json of an npm, pnpm, Yarn or Bun pair (Bun reads `overrides` and `resolutions`), ' +
      'or `overrides` in the pnpm-workspace.yaml beside a pnpm lock (pnpm 10.5 and later read it there). Reformatting them, removing them, ' +
      'and a human change are not flagged. In a pnpm pair a block pnpm does not read is flagged too, as it ' +
      "takes effect wherever it is read, and the finding says pnpm does not read it: npm's `overrides`, a " +
      "workspace package's overrides, package.json's `pnpm.overrides` and `resolutions` under pnpm 11 (named in " +
      "`packageManager` or `devEngines`), and before pnpm 11 pnpm-workspace.yaml's `overrides` beside a root " +
      'package.json whose `pnpm.overrides` or `resolutions` have a key (those replace it whole).',
    why:
      'An override replaces a package everywhere in the tree, under every dependency that asked for ' +
      'another version or source, out of sight of the ranges a reviewer reads: one line can pin a ' +
      'vulnerable version or swap a package for a fork.',
    fix: 'Have a human review the override (which package, which version or source, why), or drop it.',
    suppress: 'Every finding: `rules: { DEP017: off }` (or another severity) in the policy.',
    examples: [example('flagged', 'copilot/pin-minimist'), example('fine', 'alice/pin-minimist')],
  },
  check: ({ ctx, pair }) => checkOverrides(ctx, pair),
};

/** A file that holds overrides: what it holds now, how to read them at the base, and its manifest (none: pnpm-workspace.yaml). */
interface OverrideSource {
  file: DepFile;
  overrides: NpmManifest['overrides'];
  reread: (text: string) => NpmManifest['overrides'];
  manifest?: NpmManifestFile;
}

export function checkOverrides(ctx: CheckContext, facts: PairFacts): Finding[] {
  const change = ctx.change;
  if (!change || !facts.npm || !agentSignal(ctx.policy, change)) return [];
  const sources: OverrideSource[] = facts.npm.manifests.map((m) => ({
    file: m.file,
    overrides: m.manifest.overrides,
    reread: (text) => (m.reread ?? readNpmManifest)(text).overrides,
    manifest: m,
  }));
  // pnpm 10.5 and later read `overrides` from pnpm-workspace.yaml too (pnpm-overrides-read.ts).
  const ws = facts.npm.pnpmWorkspace;
  // A pnpm pair: which of these pnpm does not read, and why (the finding says so).
  const root = facts.npm.manifests.find((m) => m.importer === '')?.manifest;
  const unread = (key: string, m: NpmManifestFile | undefined) =>
    facts.lockFormat === 'pnpm' ? pnpmIgnores(key, m, root, ws?.workspace.overrides ?? []) : undefined;
  if (ws)
    sources.push({
      file: ws.file,
      overrides: ws.workspace.overrides,
      reread: (text) => readPnpmWorkspace(text).overrides,
    });
  const out: Finding[] = [];
  for (const { file, overrides, reread, manifest } of sources) {
    const baseText = change.readBase?.(file.path);
    if (baseText === file.text || overrides.length === 0) continue;
    const before = new Map(
      (baseText === undefined ? [] : reread(baseText)).map((o) => [o.key, canonical(o.text)]),
    );
    for (const o of overrides) {
      const was = before.get(o.key);
      if (was === canonical(o.text)) continue;
      const inert = unread(o.key, manifest);
      // Still flagged: the block takes effect wherever it is read (pnpm 10 again, another tool).
      const effect = inert
        ? `which pnpm does not read: ${inert}. It overrides nothing now, and would wherever it is read; drop it, or have a human review it.`
        : 'which replaces packages everywhere in the tree; have a human review it, or drop it.';
      out.push({
        rule: npmOverridesOnAgentChange.id,
        severity: npmOverridesOnAgentChange.defaultSeverity,
        message: `this agent change ${was === undefined ? 'adds' : 'changes'} \`${o.key}\` in ${file.path}, ${effect}`,
        ...at(file, o.start, o.end),
      });
    }
  }
  return out;
}
