import type { Finding } from '../../finding.js';
import type { Rule, RuleExample } from '../../rule.js';
import type { DepFile } from '../../requirements/dep-file.js';
import type { NpmLock } from '../../requirements/npm/npm-lock-model.js';
import { declaredIn } from '../../requirements/npm/npm-manifest.js';
import type { PairFacts } from './facts/pair-facts.js';
import type { PairRun } from './facts/pair-run.js';
import { at } from './facts/where.js';

/** The docs examples' workspace: left-pad, from the registry or from somewhere else. */
function example(verdict: RuleExample['verdict'], spec: string, resolved: string): RuleExample {
  return {
    verdict,
    file: 'package-lock.json',
    text: `{\n  "name": "app",\n  "lockfileVersion": 3,\n  "packages": {\n    "": { "name": "app", "dependencies": { "left-pad": "${spec}" } },\n    "node_modules/left-pad": {\n      "version": "1.3.0",\n      "resolved": "${resolved}"\n    }\n  }\n}\n`,
    beside: {
      'package.json': `{\n  "name": "app",\n  "dependencies": {\n    "left-pad": "${spec}"\n  }\n}\n`,
      'slipway.yaml': 'version: 1\ndependencies:\n  requirements: package.json\n  lock: package-lock.json\n',
    },
  };
}

export const npmSourceOutsideRegistries: Rule<PairRun> = {
  id: 'DEP014',
  name: 'npm-source-outside-registries',
  family: 'DEP',
  facts: 'dependency-pair',
  defaultSeverity: 'error',
  title: 'npm package from outside the allowed registries',
  docs: {
    what:
      'For an npm, pnpm, Yarn or Bun pair: the lock resolves a package from a URL that is not under one of the ' +
      "pair's `registries` (default: npm's public registry), such as another host's tarball or a git " +
      'repository, or a package.json declares a dependency by git or URL (`git+https://…`, ' +
      '`github:user/repo`, `https://…/x.tgz`). Workspace links and `file:` folders inside the ' +
      'repository are local and not flagged. A Berry yarn.lock names no registry for an `npm:` ' +
      "resolution (.yarnrc.yml's `npmRegistryServer` decides): only its git, URL and archive sources are judged. " +
      'bun.lock writes a package\'s tarball URL when it is not npm\'s registry, and `""` when it is: ' +
      'read as https://registry.npmjs.org/… (at install Bun takes `""` to mean the registry bunfig.toml ' +
      'or .npmrc names, see DEP016); its git, github and tarball entries are judged as written.',
    why:
      'A package fetched from somewhere else than the registry the team trusts is how dependency ' +
      'confusion and hijacked sources get in: the name looks familiar, the code comes from whoever ' +
      'controls that URL, and a git source is not immutable like a registry version.',
    fix:
      "Install the package from the registry (`npm install left-pad@1.3.0`), or, if the source is the team's own " +
      "registry, add its URL to the pair's `registries`.",
    suppress: 'Every finding: `rules: { DEP014: off }` (or another severity) in the policy.',
    examples: [
      example(
        'flagged',
        'https://evil.example/left-pad-1.3.0.tgz',
        'https://evil.example/left-pad-1.3.0.tgz',
      ),
      example('fine', '^1.3.0', 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz'),
    ],
  },
  check: ({ pair }) => checkNpmSources(pair),
};

/** A specifier naming a git or URL source (npm-package-arg's `git` and `remote` types). */
const REMOTE_SPEC = /^(?:git\+|git:|github:|gitlab:|bitbucket:|gist:|https?:)|^[\w.-]+\/[\w.-]+(?:#.*)?$/;

export function checkNpmSources(facts: PairFacts): Finding[] {
  const npm = facts.npm;
  if (!npm) return [];
  const allowed = facts.pair.registries;
  const out: Finding[] = [];
  const say = (what: string) =>
    `${what}, not from ${allowed.length === 1 ? 'the allowed registry' : 'an allowed registry'} (${allowed.join(', ')}); install it from the registry, or add its registry to the pair's \`registries\`.`;
  for (const m of npm.manifests)
    for (const d of m.manifest.declared)
      if (REMOTE_SPEC.test(d.spec))
        out.push({
          rule: npmSourceOutsideRegistries.id,
          severity: npmSourceOutsideRegistries.defaultSeverity,
          message: say(`\`${d.name}\` (${declaredIn(d)} of ${m.file.path}) comes from \`${d.spec}\``),
          ...at(m.file, d.specStart, d.specEnd),
        });
  const lockFile = npm.lockFile;
  if (!lockFile || !npm.lock) return out;
  // The lock's part depends on the lock and the registries alone: in the editor, a keystroke in a
  // package.json checks the pair again with the same (cached) lock of thousands of packages.
  const key = `${facts.pair.lock}\u0000${allowed.join('\u0000')}`;
  const known = lockPart.get(npm.lock);
  // Copies: what runs after the rule may set a finding's severity or mark it suppressed.
  if (known?.key === key && known.file === lockFile)
    return [...out, ...known.findings.map((f) => ({ ...f }))];
  const findings = lockFindings(facts, lockFile, say);
  lockPart.set(npm.lock, { key, file: lockFile, findings });
  return [...out, ...findings.map((f) => ({ ...f }))];
}

const lockPart = new WeakMap<NpmLock, { key: string; file: DepFile; findings: Finding[] }>();

function lockFindings(facts: PairFacts, lockFile: DepFile, say: (what: string) => string): Finding[] {
  const npm = facts.npm as NonNullable<PairFacts['npm']>;
  const lock = npm.lock as NpmLock;
  const allowed = facts.pair.registries;
  const out: Finding[] = [];
  let from = 0;
  for (const p of lock.packages) {
    const url = p.resolved;
    // No scheme: a folder of the repository (a workspace, `file:`), nothing fetched.
    if (url === undefined || !/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('file:')) continue;
    if (allowed.some((r) => url.startsWith(r))) continue;
    // The URL as the lock spells it: JSON-quoted in package-lock.json, as is in pnpm-lock.yaml.
    const needle = p.sourceText ?? (lock.format === 'npm' ? JSON.stringify(url) : url);
    let start = lockFile.text.indexOf(needle, from);
    if (start === -1) start = lockFile.text.indexOf(needle);
    else from = start + needle.length;
    out.push({
      rule: npmSourceOutsideRegistries.id,
      severity: npmSourceOutsideRegistries.defaultSeverity,
      message: say(
        `${facts.pair.lock} installs \`${p.name}\`${p.version ? ` ${p.version}` : ''} from ${url}`,
      ),
      ...at(lockFile, Math.max(0, start), Math.max(0, start) + needle.length),
    });
  }
  return out;
}
