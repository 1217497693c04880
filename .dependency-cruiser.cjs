// The arrows between Slipway's parts point one way, and `pnpm lint` (scripts/lint.mjs) fails when
// an import points back:
//   front ends (cli, lsp, extension) -> node adapters (policy-core/src/node) -> pure core (policy-core/src)
// A front end reaches another package by its name (`@slipway/policy-core`, `@slipway/lsp/...`),
// never through its `src` by relative path, so each package's public surface is its package.json
// `exports`. The rules (policy-core/src/rules) are leaves: the engine calls them, never the reverse.
// test/architecture/dependency-rules.test.ts runs this file on test/architecture/fixtures/violations,
// where each rule is broken once beside near misses it must let through.

/** Packages that only run on Node (or need a native addon): never in the pure core's root entry. */
const NODE_ONLY_PACKAGES = [
  'pg',
  'pg-native',
  '@electric-sql/pglite',
  'vscode',
  'vscode-languageserver',
  'vscode-jsonrpc',
  'esbuild',
  'fs-extra',
  'graceful-fs',
  'execa',
  'cross-spawn',
];

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Every rule fails the lint: a wrong arrow is an error, never a warning to scroll past. */
const errors = (rules) => rules.map((rule) => ({ severity: 'error', ...rule }));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: errors([
    {
      name: 'no-cycles',
      comment:
        'A cycle makes load order decide behaviour and hides which module owns what. Move the shared part into a module both can import.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-root-without-node',
      comment:
        "policy-core's root entry runs anywhere JavaScript runs (browsers, the extension host, workers): no Node built-ins there. Put the Node part in policy-core/src/node and pass its result in.",
      from: { path: '^packages/policy-core/src/', pathNot: '^packages/policy-core/src/node/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-root-without-node-packages',
      comment:
        "policy-core's root entry runs anywhere JavaScript runs: no Node-only packages there. Put the Node part in policy-core/src/node.",
      from: { path: '^packages/policy-core/src/', pathNot: '^packages/policy-core/src/node/' },
      // Resolved (`node_modules/pg/...`) or not installed where the core is (`pg`).
      to: { path: `(^|/node_modules/)(${NODE_ONLY_PACKAGES.map(escapeRegExp).join('|')})(/|$)` },
    },
    {
      name: 'core-root-not-on-adapters',
      comment:
        'The pure core never imports the Node adapters (policy-core/src/node): the adapters import the core.',
      from: { path: '^packages/policy-core/src/', pathNot: '^packages/policy-core/src/node/' },
      to: { path: '^packages/policy-core/src/node/' },
    },
    {
      name: 'rules-not-on-engine-or-front-ends',
      comment:
        'A rule is a leaf: it reads the facts it is given and returns findings. The engine (engine.ts) runs rules; a rule that imports it (or a front end, or the Node adapters) makes a cycle or a second engine.',
      from: { path: '^packages/policy-core/src/rules/' },
      to: {
        path: [
          '^packages/policy-core/src/engine\\.ts$',
          '^packages/policy-core/src/index\\.ts$',
          '^packages/policy-core/src/(output|trace|policy-tests)/',
          '^packages/policy-core/src/node/',
          '^packages/(cli|lsp|extension)/',
        ],
      },
    },
    {
      name: 'below-the-rules-not-on-them',
      comment:
        'The rules are the top of the pure core: they read the domain modules below them (migrations, requirements, deploy, policy, suppressions, …), and only the engine, the public index, the renderers (output/), trace, which judges findings, the policy test runner (policy-tests/) and the agent gate (agent-gate/), which run the engine (engine.ts, and check-run.ts, its run over given families), read the rules. A domain module that imports a rule or its facts points back up: move what both need below the rules (rule.ts holds the rule contract). The database audit (database-audit.ts) runs the engine over the databases it read, as check does over a repository.',
      from: {
        path: '^packages/policy-core/src/',
        pathNot:
          '^packages/policy-core/src/(rules/|node/|output/|trace/|policy-tests/|agent-gate/|engine\\.ts$|check-run\\.ts$|database-audit\\.ts$|index\\.ts$|family-runs\\.ts$)',
      },
      to: { path: '^packages/policy-core/src/rules/' },
    },
    {
      name: 'no-folder-cycles',
      comment:
        "Two folders whose files import each other (policy/ reading suppressions/ while suppressions/ reads policy/) have no order: neither can be read, tested or moved without the other. Move what the lower one needs into it (a waiver's day into policy/, a rule's description into rule-meta.ts).",
      scope: 'folder',
      from: { path: '^packages/[^/]+/src/' },
      to: { circular: true },
    },
    {
      name: 'domain-below-the-contract',
      comment:
        "The rule contract (rule.ts) and the workspace's caches (workspace.ts) are built from the domain modules' types, so a domain module that imports either points back up. What a domain module needs of a rule is in rule-meta.ts (its description) and rule-family.ts (ids and families); the migration trees take the analyzer they read through, not the workspace.",
      from: {
        path: '^packages/policy-core/src/(policy|agents|deploy|migrations|requirements|paths|suppressions|baseline)/',
      },
      to: { path: '^packages/policy-core/src/(rule|workspace)\\.ts$' },
    },
    {
      name: 'facts-below-their-rules',
      comment:
        "A family's facts/ are what its rules read (runners, shared facts, doc helpers): a facts file that imports a rule file points back up. Move what both need into facts/ (a rule file holds one rule).",
      from: { path: '^packages/policy-core/src/rules/[^/]+/facts/' },
      to: { path: '^packages/policy-core/src/rules/[^/]+/[A-Z]+[0-9]{3}-[^/]+\\.ts$' },
    },
    {
      name: 'runners-given-their-rules',
      comment:
        "A family's runner is handed its rules by rules/families.ts; nothing else in rules/ reads the list of every rule, so no rule or runner depends on which other rules exist.",
      from: {
        path: '^packages/policy-core/src/rules/',
        pathNot: '^packages/policy-core/src/rules/(families|registry|rule-filter)\\.ts$',
      },
      to: { path: '^packages/policy-core/src/rules/(registry|rule-list\\.generated)\\.ts$' },
    },
    {
      name: 'lsp-protocol-pure',
      comment:
        "@slipway/lsp/protocol is bundled into the VS Code extension: command names and plain types only. It may use the pure core's types, never the server, Node or the adapters.",
      from: { path: '^packages/lsp/src/protocol/' },
      to: { pathNot: '^packages/(lsp/src/protocol/|policy-core/src/(?!node/))' },
    },
    {
      name: 'lsp-service-without-protocol',
      comment:
        'The language service (lsp/src/service) is called in-process by the handlers and by tests, with no connection: it never imports the server, its handlers, commands or context.',
      from: { path: '^packages/lsp/src/service/' },
      to: {
        path: [
          '^packages/lsp/src/(handlers|commands)/',
          '^packages/lsp/src/(context|start-server|server)\\.ts$',
        ],
      },
    },
    {
      name: 'packages-by-name',
      comment:
        'Depend on another workspace package by its name (declared in package.json), never on its files by relative path: what it exports is its contract, its src layout is not.',
      from: { path: '^packages/([^/]+)/' },
      to: {
        path: '^packages/[^/]+/src/',
        pathNot: '^packages/$1/',
        dependencyTypes: ['local'],
        dependencyTypesNot: ['aliased'],
      },
    },
  ]),
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '(^|/)node_modules/', '(^|/)fixtures/', '(^|/)\\.bench-cache/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
