import { afterAll, beforeAll, expect, it } from 'vitest';
import { evaluatedSources } from '../../../../test/helpers/evaluated-sources.js';
import { TempRepo } from '../../../../test/helpers/git-repo.js';

// An agent's hook runs `slipway hook` before every tool call: what it evaluates is paid each time.
// A real run of the built CLI says which sources ran (V8's coverage through the bundle's source
// map, test/helpers/evaluated-sources.ts). A rule family other than paths, caps and branches is
// initialised only when a written path concerns it (rules/load-families.ts), the parsers and the
// migration analyzer only for a migration, the shell reader only for a shell command.

const POLICY = [
  'version: 1',
  'protected:',
  '  label: core',
  '  paths: [core/]',
  'migrations:',
  '  sql: [db/]',
];
const PAIRS = ['dependencies:', '  - requirements: requirements.txt', '    lock: requirements.lock'];
const FILES = {
  'core/a.txt': 'a\n',
  'db/001_init.sql': 'CREATE TABLE t (id int);\n',
  'requirements.txt': 'flask==3.0.0\n',
  'requirements.lock': 'flask==3.0.0\n',
};
/** `repo`: no dependency pairs in its policy; `withPairs`: the same with one. */
let repo: TempRepo;
let withPairs: TempRepo;
beforeAll(() => {
  repo = new TempRepo({ 'slipway.yaml': `${POLICY.join('\n')}\n`, ...FILES });
  repo.commit('base');
  withPairs = new TempRepo({ 'slipway.yaml': `${[...POLICY, ...PAIRS].join('\n')}\n`, ...FILES });
  withPairs.commit('base');
});
afterAll(() => {
  repo.dispose();
  withPairs.dispose();
});

function hook(tool: string, input: Record<string, unknown>, at: TempRepo = repo) {
  const call = {
    session_id: 's',
    hook_event_name: 'PreToolUse',
    tool_name: tool,
    tool_input: input,
    cwd: at.dir,
  };
  return evaluatedSources(['hook', 'claude'], { cwd: at.dir, input: JSON.stringify(call) });
}
const under = (sources: Set<string>, prefix: string) => [...sources].filter((s) => s.startsWith(prefix));
const POLICY_CORE = 'packages/policy-core/src/';
const YAML = /node_modules\/\.pnpm\/yaml@/;

it('a read is answered before the engine: not even the policy is parsed', () => {
  const { sources, result } = hook('Read', { file_path: `${repo.dir}/core/a.txt` });
  expect(result.code).toBe(0);
  expect([...sources].filter((s) => YAML.test(s))).toEqual([]);
  expect(under(sources, `${POLICY_CORE}rules/`)).toEqual([]);
});

it('a write to docs runs the families every write needs, and none of the readers it does not concern', () => {
  const { sources, builtins, result, scripts } = hook('Write', {
    file_path: `${repo.dir}/docs/a.md`,
    content: 'x\n',
  });
  expect(result.code).toBe(0);
  // The agent gate's own script, not the whole CLI's, and not the shell parser's.
  expect([...scripts]).toEqual(['slipway-hook.cjs']);
  expect([...sources].some((s) => YAML.test(s))).toBe(true);
  // Paths, caps and branches run on every call judged (gateFamilyIds): their rules' own files.
  for (const [family, id] of [
    ['paths', 'PATH'],
    ['agents', 'AGT'],
    ['branches', 'BR'],
  ])
    expect(under(sources, `${POLICY_CORE}rules/${family}/${id}0`), family).not.toEqual([]);
  // The families only some writes concern, the migration reader, the dependency readers and the
  // shell reader are not initialised.
  for (const [family, id] of [
    ['dependencies', 'DEP'],
    ['audit-log', 'AUD'],
    ['migrations', 'MIG'],
  ])
    expect(under(sources, `${POLICY_CORE}rules/${family}/${id}0`), family).toEqual([]);
  expect(sources).not.toContain(`${POLICY_CORE}migrations/refused-file.ts`);
  expect(sources).not.toContain(`${POLICY_CORE}migrations/analyze.ts`);
  expect(sources).not.toContain(`${POLICY_CORE}requirements/requirements-file.ts`);
  expect(sources).not.toContain(`${POLICY_CORE}agent-gate/shell/parse-shell.ts`);
  // Nor the JavaScript and Python parsers (whether a write may reach a JS migration through its
  // imports is a look at text first: js-import-candidates.ts), nor the npm-family lock readers and
  // semver (a Prisma runner's version, which the migration analysis reads).
  expect([...sources].filter((s) => /\/@lezer\//.test(s))).toEqual([]);
  expect(sources).not.toContain(`${POLICY_CORE}migrations/js-parser.ts`);
  expect(under(sources, `${POLICY_CORE}requirements/npm/`)).toEqual([]);
  expect([...sources].filter((s) => /\/semver\//.test(s))).toEqual([]);
  // A path-only call never hashes: node:crypto (WebCrypto and some twenty internal modules) is
  // loaded on the first hash (nativeSha256), not with the engine.
  expect(builtins).toContain('node:child_process');
  expect(builtins).not.toContain('node:crypto');
});

it('near misses: a migration, a lock and a shell command each bring what reads them', () => {
  const sql = hook('Write', { file_path: `${repo.dir}/db/002_drop.sql`, content: 'DROP TABLE t;\n' });
  expect(sql.result.stdout + sql.result.stderr).toContain('MIG001');
  expect(under(sql.sources, `${POLICY_CORE}rules/migrations/MIG0`)).not.toEqual([]);
  expect(sql.sources).toContain(`${POLICY_CORE}migrations/analyze.ts`);

  // The dependency readers come with a policy that has dependency pairs, for any write.
  const docs = hook('Write', { file_path: `${withPairs.dir}/docs/a.md`, content: 'x\n' }, withPairs);
  expect(docs.sources).toContain(`${POLICY_CORE}requirements/requirements-file.ts`);
  const lock = hook(
    'Write',
    { file_path: `${withPairs.dir}/requirements.txt`, content: 'flask>=3\n' },
    withPairs,
  );
  expect(lock.sources).toContain(`${POLICY_CORE}requirements/requirements-file.ts`);
  expect(under(lock.sources, `${POLICY_CORE}rules/dependencies/DEP0`)).not.toEqual([]);

  // (A plainly read-only command, `ls docs`, is answered without the reader.)
  const shell = hook('Bash', { command: 'echo x > docs/a.md' });
  expect(shell.sources).toContain(`${POLICY_CORE}agent-gate/shell/parse-shell.ts`);
  expect([...shell.scripts].sort()).toEqual(['slipway-hook.cjs', 'slipway-sh.cjs']);
});
