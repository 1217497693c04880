// Builds what `pnpm slipway`, the language server, the extension and the tests run:
//   node scripts/build.mjs          bundles (esbuild): CLI, language server, extension
//   node scripts/build.mjs --core   also compiles @slipway/policy-core to dist/ with tsc (publishing, bench)
// Bundles resolve @slipway/policy-core to its TypeScript source, so no compile step sits between
// an edit and a run. Packages with WASM or native parts stay external and load from node_modules.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import Module, { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const core = join(root, 'packages/policy-core/src');
const version = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')).version;
// yaml's `node` export is CommonJS, which a bundle keeps whole and wraps; its ESM build (published
// as `browser`, plain ES2020 that runs on Node as well) tree-shakes and loads in half the time,
// and every run parses the policy with it.
const yamlEsm = join(
  dirname(createRequire(join(core, 'index.ts')).resolve('yaml/package.json')),
  'browser/index.js',
);

const common = {
  absWorkingDir: root,
  // Outputs are written by writeAtomically (below), never in place: tests and editors may be
  // running the previous bundle while it is rebuilt, and must never read a half-written file.
  write: false,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  logLevel: 'warning',
  legalComments: 'none',
  alias: {
    '@slipway/policy-core/node': join(core, 'node/index.ts'),
    '@slipway/policy-core/git': join(core, 'node/git.ts'),
    '@slipway/policy-core': join(core, 'index.ts'),
    yaml: yamlEsm,
  },
  external: ['libpg-query', 'pg', 'pg-native', '@electric-sql/pglite', 'vscode'],
  define: { __SLIPWAY_VERSION__: JSON.stringify(version) },
  // ESM bundles of CommonJS dependencies need a real `require`.
  banner: {
    js: "import { createRequire as __slipwayRequire } from 'node:module'; const require = __slipwayRequire(import.meta.url);",
  },
};

// The CLI: dist/slipway.mjs is the entry point (arguments, `--help`, the early git work of
// check); each command, with what only it needs (the language server, database drivers, deploy
// machinery), is a script of its own, dist/commands/<name>.cjs, which the entry runs with V8's
// code cache (packages/cli/src/command-loader.ts). The scripts do not copy the entry's modules:
// they require them as `slipway-shared:<path>`, answered from the map built into the entry. All
// of it is minified: less to parse at every start.
const cliDist = join(root, 'packages/cli/dist');
const cliSrc = join(root, 'packages/cli/src');
const entryOptions = {
  ...common,
  metafile: true,
  entryPoints: { slipway: join(cliSrc, 'bin.ts') },
  outdir: cliDist,
  outExtension: { '.js': '.mjs' },
  minify: true,
  // Stack traces map back to the TypeScript sources under `--debug` (bin.ts turns source maps on).
  sourcemap: 'linked',
  define: { ...common.define, __SLIPWAY_BUNDLED__: 'true' },
};
// Which modules the entry holds decides what the commands share, so it is bundled once to find out.
const probe = await build(entryOptions);
const shared = [
  ...new Set([...Object.keys(probe.metafile.inputs), 'packages/cli/src/host-import.ts']),
].filter((f) => !f.endsWith('shared-modules.ts'));
const sharedSource = [
  ...shared.map((f, i) => `import * as m${i} from ${JSON.stringify(join(root, f))};`),
  `export const sharedModules = { ${shared.map((f, i) => `${JSON.stringify(f)}: m${i}`).join(', ')} };`,
].join('\n');
const jobs = [
  build({
    ...entryOptions,
    plugins: [
      {
        name: 'shared-modules',
        setup(b) {
          b.onLoad({ filter: /[\\/]cli[\\/]src[\\/]shared-modules\.ts$/ }, () => ({
            contents: sharedSource,
            loader: 'ts',
            resolveDir: cliSrc,
          }));
        },
      },
    ],
  }),
  build({
    ...common,
    format: 'cjs',
    // Scripts get `require` from their wrapper (command-loader.ts), not from a banner.
    banner: {},
    entryPoints: Object.fromEntries(
      readdirSync(join(cliSrc, 'commands'))
        .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
        .map((f) => [f.slice(0, -3), join(cliSrc, 'commands', f)]),
    ),
    outdir: join(cliDist, 'commands'),
    outExtension: { '.js': '.cjs' },
    minify: true,
    sourcemap: 'linked',
    // A vm.Script cannot run import() on Node 20 without a flag: packages load with require, and
    // the ES-module-only one through the entry's hostImport (a shared module).
    supported: { 'dynamic-import': false },
    plugins: [shareEntryModules(new Set(shared))],
  }),
];
if (existsSync(join(root, 'packages/lsp/src/server.ts'))) {
  // The server runs from packages/lsp/dist (tests, `slipway lsp`) and from inside the .vsix: each
  // place gets the bundle plus its own copy of the WASM SQL parser package, which is not bundled.
  const withExtension = existsSync(join(root, 'packages/extension/src/extension.ts'));
  for (const dir of ['packages/lsp/dist', ...(withExtension ? ['packages/extension/dist'] : [])]) {
    jobs.push(
      build({
        ...common,
        entryPoints: [join(root, 'packages/lsp/src/server.ts')],
        outfile: join(root, dir, 'server.mjs'),
      }),
    );
    // libpg-query and what it requires, from where pnpm keeps them side by side.
    const pgModules = dirname(realpathSync(join(root, 'packages/policy-core/node_modules/libpg-query')));
    for (const pkg of ['libpg-query', '@pgsql/types']) {
      cpSync(join(pgModules, pkg), join(root, dir, 'node_modules', pkg), {
        recursive: true,
        dereference: true,
      });
    }
  }
}
if (existsSync(join(root, 'packages/extension/src/extension.ts'))) {
  // VS Code loads extensions as CommonJS; the server is shipped beside it inside the .vsix.
  jobs.push(
    build({
      ...common,
      format: 'cjs',
      banner: {},
      entryPoints: [join(root, 'packages/extension/src/extension.ts')],
      outfile: join(root, 'packages/extension/dist/extension.js'),
    }),
  );
}
const results = await Promise.all(jobs);
for (const result of results)
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
// dist/chunks is the layout before command scripts; a CLI started just before this build may
// still be loading from it.
removeStaleChunks(join(cliDist, 'chunks'), new Set());
writeBuildCodeCaches(join(cliDist, 'commands'), join(cliDist, '.code-cache'));

/**
 * A first code cache for each command script: what compiling it produces, without running it.
 * The first run of a command after a build then starts from it (about 40 ms sooner for promote)
 * and writes the fuller cache of a run (packages/cli/src/command-loader.ts, which names the
 * files the same way: change both together). Only this Node version can use them.
 */
function writeBuildCodeCaches(commandsDir, cacheDir) {
  mkdirSync(cacheDir, { recursive: true });
  const current = [];
  for (const name of readdirSync(commandsDir)) {
    if (!name.endsWith('.cjs')) continue;
    const file = join(commandsDir, name);
    const source = readFileSync(file, 'utf8');
    const key = createHash('sha256').update(source).digest('hex').slice(0, 16);
    const command = name.slice(0, -'.cjs'.length);
    const data = new vm.Script(Module.wrap(source), { filename: file }).createCachedData();
    writeAtomically(join(cacheDir, `${command}-${key}-${process.version}-${process.arch}.build.bin`), data);
    current.push(`${command}-${key}-`);
  }
  // Caches of scripts this build replaced can never match again.
  for (const name of readdirSync(cacheDir))
    if (!current.some((prefix) => name.startsWith(prefix))) rmSync(join(cacheDir, name), { force: true });
}

/** Resolves imports of the entry's modules to `slipway-shared:<path>`, required at run time. */
function shareEntryModules(sharedPaths) {
  return {
    name: 'share-entry-modules',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.sharing || args.kind === 'entry-point') return undefined;
        const r = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { sharing: true },
        });
        if (r.errors.length > 0 || r.external) return undefined;
        const rel = relative(root, r.path).split(sep).join('/');
        return sharedPaths.has(rel) ? { path: `slipway-shared:${rel}`, external: true } : undefined;
      });
    },
  };
}

function writeAtomically(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

/**
 * Chunk names carry content hashes, so a rebuild leaves the old ones behind. Remove those, but
 * only once they are a few minutes old: a CLI started just before this build still loads them.
 */
function removeStaleChunks(dir, keep) {
  if (!existsSync(dir)) return;
  const cutoff = Date.now() - 5 * 60_000;
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (keep.has(file) || keep.has(file.replace(/\.map$/, ''))) continue;
    if (statSync(file).mtimeMs < cutoff) rmSync(file, { force: true });
  }
}

if (process.argv.includes('--core')) {
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/typescript/bin/tsc'),
      '-p',
      join(root, 'packages/policy-core/tsconfig.build.json'),
    ],
    {
      stdio: 'inherit',
    },
  );
}
