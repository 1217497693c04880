import type { Rule } from '../../rule.js';
import { type CoverageRun, unjudgedFindings } from './facts/coverage-facts.js';
import { coverageExample, coverageSuppressDocs } from './facts/examples.js';

const PACKAGE_JSON = '{\n  "name": "web",\n  "dependencies": { "left-pad": "^1.3.0" }\n}\n';

export const dependenciesNotJudged: Rule<CoverageRun> = {
  id: 'COV002',
  name: 'dependencies-not-judged',
  family: 'COV',
  // Stryker disable next-line StringLiteral: the COV runner hands every rule the one run, reading no rule's facts.
  facts: 'coverage',
  defaultSeverity: 'info',
  title: 'dependency layout seen, not judged',
  docs: {
    what:
      'The repository holds a dependency layout Slipway recognises but does not judge: a lock of ' +
      "Bundler, Cargo, Composer, Mix or Pipenv, a `go.mod`, Bun's binary bun.lockb (`bun install " +
      '--save-text-lockfile` writes bun.lock, which Slipway reads), a `package.json` with ' +
      'dependencies and no lock, or pip requirements or an npm, pnpm, Yarn or Bun lock the policy ' +
      'does not name under `dependencies`. ' +
      'On a tree, one finding per layout, at its first file; on a change, one per layout the change ' +
      'writes into, at the first file it writes there (a layout the change leaves alone is named by ' +
      'the coverage line only). The coverage line of `check` and `guard` says the same.',
    why:
      'The DEP rules (pins, the lock mirroring the requirements, the label a dependency change needs) ' +
      'run only on the pairs the policy names; a change to any other lock gives "No findings". This ' +
      'says what they did not read.',
    fix:
      'Name pip requirements and their lock under `dependencies` (`slipway init` proposes the pair). ' +
      "Review the other ecosystems' dependency changes by hand, and make this rule an error in " +
      '`rules:` if CI should fail while such a layout exists.',
    suppress: coverageSuppressDocs('COV002'),
    examples: [
      coverageExample('flagged', 'web/package-lock.json', '{ "lockfileVersion": 3, "packages": {} }\n', {
        'web/package.json': PACKAGE_JSON,
      }),
      coverageExample('fine', 'web/package.json', '{\n  "name": "web",\n  "private": true\n}\n'),
    ],
  },
  check: (run) => unjudgedFindings(dependenciesNotJudged, run, 'dependencies'),
};
