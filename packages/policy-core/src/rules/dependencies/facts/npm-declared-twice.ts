import type { Finding } from '../../../finding.js';
import type { NpmDeclared, NpmSection } from '../../../requirements/npm/npm-manifest.js';
import type { NpmManifestFile } from './npm-manifest-file.js';
import type { PairFacts } from './pair-facts.js';
import { at, related } from './where.js';

/**
 * A name one package.json declares in two or more of `dependencies`, `devDependencies` and
 * `optionalDependencies` (beside `peerDependencies` is the usual way to test against a peer, not
 * a duplicate). Each tool installs one of them and ignores the others, and they do not agree on
 * which (checked with each tool writing a lock for `dependencies: {ms: 2.1.2}` beside
 * `devDependencies: {ms: ^2.1.3}`):
 *
 * - npm: devDependencies, then optionalDependencies, then dependencies. Arborist's node.js
 *   `#loadDeps` adds the edges of `dependencies`, then `optionalDependencies`, then (for a root
 *   or workspace) `devDependencies`, each replacing the edge of the same name; the package is
 *   then a dev dependency (`"dev": true`), which `--omit=dev` leaves out (npm/cli#6465). npm
 *   11.19.1 locks ms 2.1.3.
 * - pnpm: optionalDependencies, then dependencies, then devDependencies (pkg-manifest utils
 *   `filterDependenciesByType` spreads devDependencies, dependencies, optionalDependencies; the
 *   lock's importer records the winner's specifier, `getSpecFromPackageManifest`, in its section).
 *   pnpm 10.34.9 and 11.22.0 lock ms 2.1.2 under `dependencies`.
 * - Yarn classic: optionalDependencies, then dependencies, then devDependencies, the first whose
 *   range is not `*` or empty (normalize-manifest validate.js `cleanDependencies`, which warns
 *   `manifestDependencyCollision`). Yarn 1.22.22 locks ms@2.1.2.
 * - Yarn Berry: devDependencies, then optionalDependencies, then dependencies (Manifest.ts loads
 *   optionalDependencies over dependencies; WorkspaceResolver.ts merges devDependencies over
 *   both). Yarn 4.18.1 locks ms@npm:^2.1.3, as medusajs/medusa's yarn.lock has `@swc/core` at its
 *   devDependencies' ^1.7.28, not the 1.5.7 of its dependencies.
 * - Bun: warns `Duplicate dependency` and keeps both (oven-sh/bun src/install/lockfile/Package.zig):
 *   no winner is said, and both are judged against the lock as before.
 */
export interface DeclaredTwice {
  at: NpmManifestFile;
  name: string;
  /** The declaration the pair's tool installs by; undefined when Slipway cannot say (Bun, an unread yarn.lock). */
  used?: NpmDeclared;
  /** The declarations it ignores (every one but `used`), or, with no `used`, every one after `first`. */
  ignored: NpmDeclared[];
  /** The first declaration in the file. */
  first: NpmDeclared;
  /** The tool, as a finding names it. */
  tool: string;
}

type Tool = 'npm' | 'pnpm' | 'Yarn classic' | 'Yarn Berry';

/** The sections each tool takes a name from, the first that declares it winning. */
const PRECEDENCE: Record<Tool, readonly NpmSection[]> = {
  npm: ['devDependencies', 'optionalDependencies', 'dependencies'],
  pnpm: ['optionalDependencies', 'dependencies', 'devDependencies'],
  'Yarn classic': ['optionalDependencies', 'dependencies', 'devDependencies'],
  'Yarn Berry': ['devDependencies', 'optionalDependencies', 'dependencies'],
};

const INSTALLED: readonly NpmSection[] = ['dependencies', 'devDependencies', 'optionalDependencies'];

const memo = new WeakMap<PairFacts, DeclaredTwice[]>();

export function declaredTwice(facts: PairFacts): DeclaredTwice[] {
  let out = memo.get(facts);
  if (out) return out;
  out = [];
  const tool = toolOf(facts);
  for (const m of facts.npm?.manifests ?? []) {
    if (m.importer.startsWith('catalog:')) continue;
    const byName = new Map<string, NpmDeclared[]>();
    for (const d of m.manifest.declared) {
      if (!INSTALLED.includes(d.section)) continue;
      const list = byName.get(d.name) ?? [];
      list.push(d);
      byName.set(d.name, list);
    }
    for (const [name, all] of byName) {
      if (all.length < 2) continue;
      const used = typeof tool === 'string' ? undefined : winner(tool.name, all);
      const ignored = used ? all.filter((d) => d !== used) : all.slice(1);
      const first = all[0] as NpmDeclared;
      const toolName = typeof tool === 'string' ? tool : tool.name;
      out.push({ at: m, name, ignored, first, tool: toolName, ...(used ? { used } : {}) });
    }
  }
  memo.set(facts, out);
  return out;
}

/** The declarations the pair's tool ignores: not judged against the lock (DEP007 says why). */
export function ignoredDeclarations(facts: PairFacts): ReadonlySet<NpmDeclared> {
  return new Set(declaredTwice(facts).flatMap((x) => (x.used ? x.ignored : [])));
}

/** The tool whose precedence applies, or (a string) the tool Slipway names without a winner. */
function toolOf(facts: PairFacts): { name: Tool } | string {
  const format = facts.npm?.lock?.format ?? facts.lockFormat;
  if (format === 'npm' || format === 'pnpm') return { name: format };
  if (format === 'yarn') {
    const flavour = facts.npm?.lock?.yarn;
    if (flavour === 'classic') return { name: 'Yarn classic' };
    if (flavour === 'berry') return { name: 'Yarn Berry' };
    return 'Yarn';
  }
  return format === 'bun' ? 'Bun' : String(format);
}

function winner(tool: Tool, all: readonly NpmDeclared[]): NpmDeclared | undefined {
  // Within one section (a key written twice) JSON.parse keeps the last.
  const ordered = PRECEDENCE[tool].flatMap((s) => all.filter((d) => d.section === s).reverse());
  // Yarn classic passes over a `*` or empty range for a real one (cleanDependencies).
  if (tool === 'Yarn classic') return ordered.find((d) => d.spec !== '' && d.spec !== '*') ?? ordered[0];
  return ordered[0];
}

type RuleLike = { id: string; defaultSeverity: Finding['severity'] };

/**
 * DEP007 on an npm-family pair: one finding on each declaration the tool ignores, saying which
 * one it installs by (else that none is settled), and to keep one.
 */
export function npmDeclaredTwiceFindings(facts: PairFacts, rule: RuleLike): Finding[] {
  return declaredTwice(facts).flatMap((x) =>
    x.ignored.map((d): Finding => {
      const other = x.used ?? x.first;
      const line = x.at.file.position(other.start).line + 1;
      const what = `\`${x.name}\` is declared twice in ${x.at.file.path}: here in ${d.section} (${d.spec || '""'}) and in ${other.section} (${other.spec || '""'}, line ${line})`;
      return {
        rule: rule.id,
        severity: rule.defaultSeverity,
        message: `${what}; ${verdict(x, d)}; remove one of the two.`,
        ...at(x.at.file, d.start, d.end),
        related: [
          related(
            x.at.file,
            other.start,
            other.end,
            x.used ? `the declaration ${x.tool} installs by` : 'declared here too',
          ),
        ],
      };
    }),
  );
}

/** What the tool does with the two, as the finding says it. */
function verdict(x: DeclaredTwice, d: NpmDeclared): string {
  const used = x.used;
  if (!used) {
    if (x.tool === 'Bun')
      return 'Bun warns of it (`Duplicate dependency`) and keeps both, so which one its lock follows is not settled';
    if (x.tool === 'Yarn')
      return 'Yarn classic installs the one in dependencies, Yarn Berry the one in devDependencies';
    return 'npm and Yarn Berry install the one in devDependencies, pnpm and Yarn classic the one in dependencies';
  }
  const dev =
    x.tool === 'npm' && used.section === 'devDependencies' && d.section !== 'devDependencies'
      ? `, and counts \`${x.name}\` as a dev dependency, which \`npm install --omit=dev\` leaves out`
      : '';
  return `${x.tool} installs by the one in ${used.section} (${used.spec || '""'}) and ignores this one${dev}`;
}
