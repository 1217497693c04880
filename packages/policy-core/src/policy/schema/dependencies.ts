import * as z from 'zod/mini';
import { defaulted, described, nonEmpty } from './common.js';
import { repoPath } from './repo-path.js';

/** One requirements file and the lock that must mirror it, so what is tested is what ships. */
export const dependencyPair = described(
  z.strictObject({
    requirements: described(
      repoPath(),
      "Human-edited requirements file (repo-relative), every requirement pinned with `==`. Its `-r` includes count too. A `pyproject.toml` (with `uv.lock` or `poetry.lock`) is read for its dependency declarations instead: PEP 621, dependency groups, uv's and Poetry's tables, whose ranges the lock must satisfy (DEP012). A `package.json` (with `package-lock.json`, `npm-shrinkwrap.json`, `pnpm-lock.yaml`, `yarn.lock` or `bun.lock`) is read for its dependency sections; the one beside the lock brings every workspace with it (the lock's importers, `workspaces`, `pnpm-workspace.yaml`), and the catalogs they use (`\"react\": \"catalog:\"`: pnpm-workspace.yaml's `catalog` and `catalogs`, or Bun's in the root package.json, held to the lock's catalogs as a package.json is to its importer entry).",
    ),
    lock: described(
      repoPath(),
      'Lock file (repo-relative) that mirrors the requirements: a requirements-style lock, `uv.lock`, `poetry.lock`, `package-lock.json`, `npm-shrinkwrap.json`, `pnpm-lock.yaml`, `yarn.lock` or `bun.lock` (the text lock of Bun; its binary `bun.lockb` is not read).',
    ),
    lock_format: defaulted(
      z.enum(['auto', 'requirements', 'uv', 'poetry', 'npm', 'pnpm', 'yarn', 'bun']),
      'auto',
      'How to read the lock. `auto` (default) decides by file name: `uv.lock` and `poetry.lock` are TOML locks, `package-lock.json` and `npm-shrinkwrap.json` npm locks (lockfileVersion 2 or 3), `pnpm-lock.yaml` a pnpm lock, `yarn.lock` a Yarn lock (classic v1 or Berry), `bun.lock` a Bun text lock (Bun 1.2 and later), anything else is requirements-style (pip-compile, uv pip compile, pip freeze or hand-made).',
    ),
    mode: defaulted(
      z.enum(['mirror', 'superset']),
      'mirror',
      '`mirror`: the lock holds exactly the requirements (DEP005 flags extras). `superset`: the lock may add transitive pins.',
    ),
    label: defaulted(
      nonEmpty(),
      'approved-dependency-upgrade',
      'Label a change needs when it touches the requirements or the lock (DEP006).',
    ),
    label_when: defaulted(
      z.enum(['any-change', 'set-changed']),
      'any-change',
      '`any-change` (default): any change to the requirements, their includes or the lock needs the label. `set-changed`: only a change of the dependency set does; comment, header, ordering and whitespace churn does not.',
    ),
    hashes: defaulted(
      z.enum(['consistent', 'required', 'off']),
      'consistent',
      'DEP009. `consistent` (default): within one file, either every requirement carries `--hash` or none does. `required`: every lock entry must carry hashes. `off`: hashes are not checked.',
    ),
    registries: defaulted(
      z.array(nonEmpty()).check(z.minLength(1)),
      ['https://registry.npmjs.org/', 'https://registry.yarnpkg.com/'],
      'npm, pnpm, Yarn and Bun pairs (DEP014): the registries packages may come from, as URL prefixes. A lock entry resolved from any other URL (another host, git, a tarball URL) and a package.json specifier that is a git or URL source are flagged: dependency confusion and hijacked sources come in that way. Add your private registry here.',
    ),
    url_requirements: defaulted(
      z.enum(['error', 'allow']),
      'error',
      'DEP001 for URL, path and editable requirements (`name @ https://…`, `-e .`), which cannot be pinned with `==`. `error` (default) flags them; `allow` accepts them.',
    ),
  }),
  'A requirements file and the lock that must mirror it.',
);

export const dependenciesSection = described(
  z.union([dependencyPair, z.array(dependencyPair).check(z.minLength(1), z.superRefine(oneLockPerManifest))]),
  'One requirements/lock pair, or a list of pairs (for example prod and dev). A package.json is paired with one lock: the one its package manager installs from.',
);

/**
 * A package.json paired with two npm-family locks (package-lock.json and pnpm-lock.yaml, say) is
 * an error at the second pair's `lock`. A package manager installs from one lock, its own (npm
 * reads npm-shrinkwrap.json, else package-lock.json; it rewrites a yarn.lock beside them but
 * reads it only when it has no lock of its own), so the other lock ships nothing, and every
 * finding on the package.json came once per lock. `slipway init` pairs one lock per package.json
 * the same way (init/npm-layout.ts). A requirements file compiled into two locks (one per Python
 * version) is a real layout and stays allowed.
 */
function oneLockPerManifest(
  pairs: { requirements: string; lock: string; lock_format: string }[],
  ctx: { addIssue: (issue: { code: 'custom'; path: PropertyKey[]; message: string }) => void },
): void {
  const first = new Map<string, { lock: string; index: number }>();
  pairs.forEach((pair, index) => {
    if (!isNpmFamilyLock(pair.lock, pair.lock_format)) return;
    const seen = first.get(pair.requirements);
    if (!seen) {
      first.set(pair.requirements, { lock: pair.lock, index });
      return;
    }
    if (seen.lock === pair.lock) return;
    ctx.addIssue({
      code: 'custom',
      path: [index, 'lock'],
      message: `${pair.requirements} is already paired with ${seen.lock} (dependencies[${seen.index}]): a package.json has one lock, the one its package manager installs from, and a second pair repeats every finding on it; keep the pair of the tool the project uses (its \`packageManager\`) and delete the other lock`,
    });
  });
}

/**
 * Whether a pair's lock is read by requirements/npm/: requirements/dependency-file-names.ts's
 * detectLockFormat, by name, written out here (the schema imports no reader).
 */
function isNpmFamilyLock(lock: string, format: string): boolean {
  if (format !== 'auto') return ['npm', 'pnpm', 'yarn', 'bun'].includes(format);
  return /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|yarn\.lock|bun\.lockb?)$/.test(
    lock,
  );
}

export type DependencyPair = z.output<typeof dependencyPair>;
