import { agentSignal } from '../../agents/change-author.js';
import type { Finding } from '../../finding.js';
import { canonicalJson as canonical } from '../../requirements/npm/json-members.js';
import type { DepFile } from '../../requirements/dep-file.js';
import { type NpmManifest, readNpmManifest } from '../../requirements/npm/npm-manifest.js';
import { readPnpmWorkspace } from '../../requirements/npm/pnpm-workspace.js';
import type { CheckContext, Rule, RuleExample } from '../../rule.js';
import type { PairFacts } from './facts/pair-facts.js';
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
      'and a human change are not flagged.',
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

/** A file that holds overrides: what it holds now, and how to read them at the base. */
interface OverrideSource {
  file: DepFile;
  overrides: NpmManifest['overrides'];
  reread: (text: string) => NpmManifest['overrides'];
}

export function checkOverrides(ctx: CheckContext, facts: PairFacts): Finding[] {
  const change = ctx.change;
  if (!change || !facts.npm || !agentSignal(ctx.policy, change)) return [];
  const sources: OverrideSource[] = facts.npm.manifests.map((m) => ({
    file: m.file,
    overrides: m.manifest.overrides,
    reread: (text) => (m.reread ?? readNpmManifest)(text).overrides,
  }));
  // pnpm 10.5 and later read `overrides` from pnpm-workspace.yaml too (override-pins.ts).
  const ws = facts.npm.pnpmWorkspace;
  if (ws)
    sources.push({
      file: ws.file,
      overrides: ws.workspace.overrides,
      reread: (text) => readPnpmWorkspace(text).overrides,
    });
  const out: Finding[] = [];
  for (const { file, overrides, reread } of sources) {
    const baseText = change.readBase?.(file.path);
    if (baseText === file.text || overrides.length === 0) continue;
    const before = new Map(
      (baseText === undefined ? [] : reread(baseText)).map((o) => [o.key, canonical(o.text)]),
    );
    for (const o of overrides) {
      const was = before.get(o.key);
      if (was === canonical(o.text)) continue;
      out.push({
        rule: npmOverridesOnAgentChange.id,
        severity: npmOverridesOnAgentChange.defaultSeverity,
        message: `this agent change ${was === undefined ? 'adds' : 'changes'} \`${o.key}\` in ${file.path}, which replaces packages everywhere in the tree; have a human review it, or drop it.`,
        ...at(file, o.start, o.end),
      });
    }
  }
  return out;
}
