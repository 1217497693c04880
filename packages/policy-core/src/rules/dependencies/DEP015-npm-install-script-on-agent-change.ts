import { agentSignal } from '../../agents/change-author.js';
import type { Finding } from '../../finding.js';
import type { NpmLock } from '../../requirements/npm/npm-lock-model.js';
import { readNpmFamilyLock } from '../../requirements/npm/npm-lock-entries.js';
import type { CheckContext, Rule, RuleExample } from '../../rule.js';
import type { PairFacts } from './facts/pair-facts.js';
import type { PairRun } from './facts/pair-run.js';
import { at } from './facts/where.js';

/** The docs examples: an agent's branch adds core-js, which npm records as running install scripts. */
function example(verdict: RuleExample['verdict'], branch: string): RuleExample {
  const lock = (withCoreJs: boolean) =>
    `{\n  "name": "app",\n  "lockfileVersion": 3,\n  "packages": {\n    "": { "name": "app", "dependencies": { ${withCoreJs ? '"core-js": "^3.30.0", ' : ''}"ms": "^2.1.0" } },\n${withCoreJs ? '    "node_modules/core-js": { "version": "3.51.0", "hasInstallScript": true },\n' : ''}    "node_modules/ms": { "version": "2.1.3" }\n  }\n}\n`;
  const pkg = (withCoreJs: boolean) =>
    `{\n  "name": "app",\n  "dependencies": {\n${withCoreJs ? '    "core-js": "^3.30.0",\n' : ''}    "ms": "^2.1.0"\n  }\n}\n`;
  return {
    verdict,
    file: 'package-lock.json',
    text: lock(true),
    change: {
      branch,
      labels: ['approved-dependency-upgrade'],
      files: ['package.json', 'package-lock.json'],
      base: { 'package.json': pkg(false), 'package-lock.json': lock(false) },
    },
    beside: {
      'package.json': pkg(true),
      'slipway.yaml':
        'version: 1\nagents:\n  limits:\n    new_dependencies: 10\ndependencies:\n  requirements: package.json\n  lock: package-lock.json\n',
    },
  };
}

export const npmInstallScriptOnAgentChange: Rule<PairRun> = {
  id: 'DEP015',
  name: 'npm-install-script-on-agent-change',
  family: 'DEP',
  facts: 'dependency-pair',
  defaultSeverity: 'error',
  title: 'agent change adds an npm package that runs install scripts',
  docs: {
    what:
      "An agent's change (see `agents`) makes an npm or pnpm lock install a package, or a version of " +
      'one, that runs install scripts (`hasInstallScript` in package-lock.json, `requiresBuild` in ' +
      'pnpm-lock.yaml) and that the base did not install. A human change is not flagged. yarn.lock ' +
      'records no install scripts (classic or Berry), so a Yarn pair is not judged by this rule. ' +
      'bun.lock records no install scripts either; Bun runs them only for trusted packages, and the ' +
      "lock's `trustedDependencies` names those package.json trusts: a package it names counts as " +
      'running install scripts. The packages Bun trusts by default (its built-in list) are not in the ' +
      'lock and are not judged.',
    why:
      'An install script runs with the rights of whoever installs, on every developer machine and CI ' +
      'runner, before any code review of the package; agents pick packages by name.',
    fix: 'Have a human review the package and its scripts, or choose a package without install scripts.',
    suppress: 'Every finding: `rules: { DEP015: off }` (or another severity) in the policy.',
    examples: [example('flagged', 'copilot/polyfills'), example('fine', 'alice/polyfills')],
  },
  check: ({ ctx, pair }) => checkInstallScripts(ctx, pair),
};

const scripted = (lock: NpmLock) =>
  new Set(lock.packages.filter((p) => p.installScript).map((p) => `${p.name}@${p.version ?? ''}`));

export function checkInstallScripts(ctx: CheckContext, facts: PairFacts): Finding[] {
  const change = ctx.change;
  const lock = facts.npm?.lock;
  const lockFile = facts.npm?.lockFile;
  if (!change || !lock || !lockFile || !agentSignal(ctx.policy, change)) return [];
  const baseText = change.readBase?.(facts.pair.lock);
  if (baseText === lockFile.text) return [];
  const before =
    baseText === undefined ? new Set<string>() : scripted(readNpmFamilyLock(baseText, lock.format));
  const out: Finding[] = [];
  for (const p of lock.packages) {
    const id = `${p.name}@${p.version ?? ''}`;
    if (!p.installScript || before.has(id)) continue;
    const needle = lock.format === 'npm' ? `"node_modules/${p.name}"` : `${p.name}@${p.version ?? ''}`;
    const start = Math.max(0, lockFile.text.indexOf(needle));
    out.push({
      rule: npmInstallScriptOnAgentChange.id,
      severity: npmInstallScriptOnAgentChange.defaultSeverity,
      message: `this agent change makes ${facts.pair.lock} install \`${p.name}\`${p.version ? ` ${p.version}` : ''}, which ${lock.format === 'bun' ? 'its `trustedDependencies` let run install scripts' : 'runs install scripts'}; have a human review the package and its scripts, or choose one without.`,
      ...at(lockFile, start, start + needle.length),
    });
  }
  return out;
}
