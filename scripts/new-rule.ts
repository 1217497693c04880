// `pnpm new-rule MIG042 some-name`: starts a rule the way its family writes them, then lists it.
//
// Writes packages/policy-core/src/rules/<family-dir>/<ID>-<name>.ts (a MIG rule as an op rule,
// any other as its family's usual kind of rule, with the neighbour's facts and type), copies the
// fixture cases of the nearest rule below it that has both kinds (`trigger*`, `near-miss*`) to
// test/rules/<family-dir>/fixtures/<ID>/ as a starting point, regenerates the rule list
// (rule-files.ts) and the docs (gen-docs.ts). What it writes says TODO where the author
// decides; the registry test fails until the examples and fixtures show what the rule flags.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAMILY_DIRS, type RuleFamilyId } from '../packages/policy-core/src/rule.js';
import { generatedRuleFiles, ruleFiles } from './rule-files.js';

/** A fixture case's snapshot (test/rules/fixture-case.ts, `FIXTURE_CASE_EXPECTED`). */
const FIXTURE_CASE_EXPECTED = 'expected.txt';

const RULES_DIR = 'packages/policy-core/src/rules';
const TESTS_DIR = 'packages/policy-core/test/rules';

/** What `new-rule` is asked for, checked. */
export interface NewRule {
  id: string;
  family: RuleFamilyId;
  name: string;
  /** The rule's constant: `someName` for `some-name`. */
  constant: string;
  /** From the repository root. */
  path: string;
}

/** Checks the arguments against the rules there are; throws with what to type instead. */
export function newRuleOf(root: string, id: string, name: string): NewRule {
  const m = /^([A-Z]+)(\d{3})$/.exec(id);
  const family = m?.[1] as RuleFamilyId | undefined;
  if (!family || !(family in FAMILY_DIRS))
    throw new Error(`${id}: an id is a family (${Object.keys(FAMILY_DIRS).join(', ')}) and three digits`);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name))
    throw new Error(`${name}: a name is kebab-case, e.g. drop-table`);
  const files = ruleFiles(join(root, RULES_DIR));
  const taken = files.find((f) => f.id === id);
  if (taken)
    throw new Error(
      `${id} is taken: ${RULES_DIR}/${taken.path}; the next free id after it is ${nextFreeAfter(new Set(files.map((f) => f.id)), family, Number(m?.[2]))}`,
    );
  const constant = name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return { id, family, name, constant, path: `${RULES_DIR}/${FAMILY_DIRS[family]}/${id}-${name}.ts` };
}

/**
 * The first id of `family` above number `n` that no rule has: the number after a taken one's
 * neighbours, so a rule joins the group it belongs to (MIG0xx: what one step does; MIG1xx: the
 * revision history) rather than the end of the family.
 */
export function nextFreeAfter(ids: ReadonlySet<string>, family: string, n: number): string {
  const id = (k: number) => `${family}${String(k).padStart(3, '0')}`;
  let k = n + 1;
  while (k < 999 && ids.has(id(k))) k++;
  return id(k);
}

/** The docs of a rule not written yet, at `indent`: every section says what it needs. */
function docsBlock(indent: string, suppress: string, examples: readonly string[]): string {
  const lines = [
    'docs: {',
    "  what: 'TODO: what it flags, in a sentence or two.',",
    "  why: 'TODO: what goes wrong on deploy when it is not fixed.',",
    "  fix: 'TODO: how to fix it.',",
    `  suppress: ${suppress},`,
    '  examples: [',
    ...examples.map((e) => `    ${e},`),
    '  ],',
    '},',
  ];
  return lines.map((l) => `${indent}${l}`).join('\n');
}

/**
 * How one finding is suppressed and every finding configured: commentSuppressDocs
 * (rules/suppress-docs.ts); a MIG rule says it with suppressDocs, which adds the .sql comment syntax.
 */
function suppressText(id: string): string {
  return `commentSuppressDocs('${id}')`;
}

/** A MIG rule: an op rule (rules/migrations/facts/op-rule.ts), as most of the family's are. */
function migrationRuleText(r: NewRule): string {
  const docs = docsBlock('    ', `suppressDocs('${r.id}')`, [
    `migrationExample('flagged', 'todo_flagged', 'op.execute("TODO: a step it flags")')`,
    `migrationExample('fine', 'todo_fine', 'op.execute("TODO: the fix, or a near miss")')`,
    `sqlExample('flagged', 'todo_flagged', 'TODO: the step as a .sql migration writes it;')`,
    `sqlExample('fine', 'todo_fine', 'TODO: the fix;')`,
  ]);
  return `import { allowHint, runner } from './facts/mig-facts.js';
import { opRule } from './facts/op-rule.js';
import { migrationExample } from './facts/examples.js';
import { sqlExample, suppressDocs } from './facts/lock-docs.js';

/** ${r.id}: TODO what it flags, in a line. */
export const ${r.constant} = opRule(
  {
    id: '${r.id}',
    name: '${r.name}',
    family: 'MIG',
    // TODO: the databases whose behaviour it describes (\`['postgresql']\`), or remove: every database.
    dialects: ['postgresql'],
    facts: 'migration-file',
    defaultSeverity: 'warning',
    // Add \`trace: ...\` only when \`slipway trace\` can measure its claim (TraceClaim in rule-meta.ts).
    title: 'TODO: what it flags, in a few words',
${docs}
  },
  {
    // TODO: the steps it flags, by their kind and fields (SchemaOp, migrations/schema-op.ts),
    // never by their lock, which says only the mode: \`(op) => op.kind === 'reindex' && op.concurrently !== true\`.
    // Steps made harmless by what the revision did before: \`exempt\` / \`exemptNewTables\`;
    // downgrade() too: \`includeDowngrade\` (OpRuleSpec, op-rule.ts).
    matches: () => false,
    message: (op, file) =>
      \`\${runner(file)} TODO says what \${op.label} does and how to fix it, or add \${allowHint(file, '${r.id}')}.\`,
  },
);
`;
}

/**
 * The type its family's rules are declared with most often, where it is imported from, and their
 * facts: a `facts:` line, or the fields its rules share as a constant they spread
 * (`...DATABASE_AUDIT_RULE`, which says its family and facts).
 */
function familyShape(root: string, family: RuleFamilyId) {
  const shapes = new Map<
    string,
    { type: string; facts: string; shared?: string; imports: Map<string, string>; count: number }
  >();
  for (const f of ruleFiles(join(root, RULES_DIR)).filter((f) => f.id.replace(/\d+$/, '') === family)) {
    const type = /^export const \w+: ([^=]+?) = \{/m.exec(f.text)?.[1];
    const shared = /^ {2}\.\.\.([A-Z][A-Z0-9_]*),$/m.exec(f.text)?.[1];
    const facts = shared ?? /^\s*facts: '([^']+)',/m.exec(f.text)?.[1];
    if (!type || !facts) continue;
    const imports = new Map<string, string>();
    for (const m of f.text.matchAll(/^import (?:type )?\{([^}]*)\} from '([^']+)';/gm))
      for (const n of (m[1] ?? '').split(',')) imports.set(n.replace(/^\s*type\s+/, '').trim(), m[2] ?? '');
    const key = `${type} ${facts}`;
    const seen = shapes.get(key);
    shapes.set(key, { type, facts, ...(shared ? { shared } : {}), imports, count: (seen?.count ?? 0) + 1 });
  }
  const best = [...shapes.values()].sort((a, b) => b.count - a.count)[0];
  if (!best) throw new Error(`no rule of ${family} to take the shape from: copy one by hand`);
  return best;
}

/** Any other family's rule: its usual type and facts, a check that finds nothing yet. */
function familyRuleText(root: string, r: NewRule): string {
  const shape = familyShape(root, r.family);
  const names = [...new Set(shape.type.match(/[A-Z]\w*/g) ?? [])];
  const from = new Map<string, string[]>();
  const pathOf = (n: string) => {
    const path = n === 'Rule' ? '../../rule.js' : shape.imports.get(n);
    if (!path) throw new Error(`cannot tell where ${n} comes from: copy a ${r.family} rule by hand`);
    return path;
  };
  for (const n of names) from.set(pathOf(n), [...(from.get(pathOf(n)) ?? []), n]);
  const imports = [...from]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([path, ns]) => `import type { ${ns.sort().join(', ')} } from '${path}';\n`)
    .join('')
    .concat(shape.shared ? `import { ${shape.shared} } from '${pathOf(shape.shared)}';\n` : '')
    .concat("import { commentSuppressDocs } from '../suppress-docs.js';\n");
  const kind = shape.shared
    ? `  ...${shape.shared},`
    : `  family: '${r.family}',\n  facts: '${shape.facts}',`;
  const docs = docsBlock('  ', suppressText(r.id), [
    "{ verdict: 'flagged', file: 'TODO/the-file-it-reads', text: 'TODO: what it flags' }",
    "{ verdict: 'fine', file: 'TODO/the-file-it-reads', text: 'TODO: the fix, or a near miss' }",
  ]);
  return `${imports}
/** ${r.id}: TODO what it flags, in a line. */
export const ${r.constant}: ${shape.type} = {
  id: '${r.id}',
  name: '${r.name}',
${kind}
  defaultSeverity: 'warning',
  title: 'TODO: what it flags, in a few words',
${docs}
  // TODO: judge the family's facts; report each problem with findingOf (rule.ts).
  check(_facts) {
    return [];
  },
};
`;
}

/** The rule file's text, from its family's conventions. */
export function ruleText(root: string, r: NewRule): string {
  return r.family === 'MIG' ? migrationRuleText(r) : familyRuleText(root, r);
}

/**
 * The fixture cases to start from: the nearest rule below the new id with a trigger and a near
 * miss (its number neighbour reads the same kind of facts: MIG040's cases suit MIG041, MIG130's
 * broken file does not), else the family's latest such rule.
 */
export function fixtureSource(root: string, r: NewRule): { from: string; cases: string[] } | undefined {
  const dir = join(root, TESTS_DIR, FAMILY_DIRS[r.family], 'fixtures');
  if (!existsSync(dir)) return undefined;
  const ids = readdirSync(dir)
    .filter((d) => /^[A-Z]+\d{3}$/.test(d))
    .sort()
    .reverse();
  for (const id of [...ids.filter((i) => i < r.id), ...ids.filter((i) => i > r.id)]) {
    const names = readdirSync(join(dir, id));
    const trigger = names.find((n) => n === 'trigger') ?? names.find((n) => n.startsWith('trigger'));
    const nearMiss = names.find((n) => n === 'near-miss') ?? names.find((n) => n.startsWith('near-miss'));
    if (trigger && nearMiss) return { from: join(dir, id), cases: [trigger, nearMiss] };
  }
  return undefined;
}

function main(argv: string[]): void {
  const [id = '', name = ''] = argv;
  const root = process.cwd();
  const r = newRuleOf(root, id, name);
  const target = join(root, r.path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, ruleText(root, r), { flag: 'wx' });
  // The house format (line width), so that the new file passes the lint as written.
  spawnSync(join(root, 'node_modules/.bin/biome'), ['format', '--write', target], {
    cwd: root,
    stdio: 'ignore',
  });
  console.log(`wrote ${r.path}`);
  const source = fixtureSource(root, r);
  const fixtures = join(root, TESTS_DIR, FAMILY_DIRS[r.family], 'fixtures', r.id);
  if (source && !existsSync(fixtures)) {
    for (const c of source.cases) {
      const to = join(fixtures, c.startsWith('trigger') ? 'trigger' : 'near-miss');
      // The neighbour's snapshot is of its own rule: the new cases get theirs from `vitest -u`.
      cpSync(join(source.from, c), to, {
        recursive: true,
        filter: (src) => src !== join(source.from, c, FIXTURE_CASE_EXPECTED),
      });
      mentionsFor(to, basename(source.from), r.id);
    }
    console.log(
      `copied ${source.cases.join(' and ')} of ${relative(root, source.from)} to ${relative(root, fixtures)}: make them about ${r.id}`,
    );
  }
  for (const [path, text] of Object.entries(generatedRuleFiles(root))) writeFileSync(join(root, path), text);
  const docs = spawnSync('bash', [join(root, 'scripts/run-ts.sh'), join(root, 'scripts/gen-docs.ts')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (docs.status !== 0) process.exit(docs.status ?? 1);
  console.log(
    `next: fill in the TODOs of ${r.path}, its fixtures, then pnpm gen-docs, ` +
      `pnpm exec vitest run packages/policy-core/test/rules/fixture-snapshots.test.ts -t ${r.id} -u (review each case's expected.txt) and ` +
      `pnpm exec vitest run packages/policy-core/test/rules/${FAMILY_DIRS[r.family]} packages/policy-core/test/rules/registry.test.ts packages/policy-core/test/rules/generated-files.test.ts`,
  );
}

/** Points what the copied cases say of the neighbour's id (a suppression comment, say) at the new rule. */
function mentionsFor(dir: string, from: string, to: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const text = readFileSync(path, 'utf8');
    if (text.includes(from)) writeFileSync(path, text.replaceAll(from, to));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error(`new-rule: ${(e as Error).message}`);
    process.exit(1);
  }
}
