// Builds what `pnpm slipway`, the language server, the extension and the tests run:
//   node scripts/build.mjs          bundles (esbuild): CLI, language server, extension
//   node scripts/build.mjs --core   also compiles @slipway/policy-core to dist/ with tsc (publishing, bench)
//   node scripts/build.mjs --pack   also removes at once the chunks earlier builds left (the CLI's prepack)
// Bundles resolve @slipway/policy-core to its TypeScript source, so no compile step sits between
// an edit and a run. Packages with WASM or native parts stay external and load from node_modules.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { barrelImports, policyCoreBarrels } from './barrel-imports.mjs';
import { buildCli } from './build-cli.mjs';
import { buildConfigFiles, dropStamp, filesUnder, upToDateOutputs, writeStamp } from './build-stamp.mjs';
import { chunkDirs, removeStaleChunks, STALE_CHUNK_GRACE_MS } from './stale-chunks.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const core = join(root, 'packages/policy-core/src');
const version = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')).version;
// What the bundles compute from: the sources and the locked dependencies. The CLI keys its result
// cache by it, so results of an older build never serve a newer one under the same version number.
const sourceHash = hashSources([core, join(root, 'packages/cli/src'), join(root, 'pnpm-lock.yaml')]);
// yaml's `node` export is CommonJS, which a bundle keeps whole and wraps; its ESM build (published
// as `browser`, plain ES2020 that runs on Node as well) tree-shakes and loads in half the time,
// and every run parses the policy with it.
const yamlEsm = join(
  dirname(createRequire(join(core, 'index.ts')).resolve('yaml/package.json')),
  'browser/index.js',
);

// jsonc-parser's `main` is a UMD build whose `require('./impl/…')` calls sit inside a factory
// esbuild cannot follow, so a bundle of it fails at run time ("Cannot find module
// './impl/format'"); its maintainers point bundlers at the ESM build (`module`), used here.
const jsoncEsm = join(
  dirname(createRequire(join(core, 'index.ts')).resolve('jsonc-parser/package.json')),
  'lib/esm/main.js',
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
  // Every file each bundle read: the stamp that lets the next build skip (scripts/build-stamp.mjs).
  metafile: true,
  alias: {
    '@slipway/policy-core/node': join(core, 'node/index.ts'),
    '@slipway/policy-core': join(core, 'index.ts'),
    yaml: yamlEsm,
    'jsonc-parser': jsoncEsm,
  },
  // Each import through one of policy-core's barrels goes to the module that defines the name, so
  // that code splitting gives each command what it uses, not every module a barrel re-exports.
  plugins: [barrelImports(policyCoreBarrels(core))],
  external: ['libpg-query', 'pg', 'pg-native', '@electric-sql/pglite', 'knex', 'kysely', 'vscode'],
  define: {
    __SLIPWAY_VERSION__: JSON.stringify(version),
    __SLIPWAY_SOURCE_HASH__: JSON.stringify(sourceHash),
  },
  // ESM bundles of CommonJS dependencies need a real `require`.
  banner: {
    js: "import { createRequire as __slipwayRequire } from 'node:module'; const require = __slipwayRequire(import.meta.url);",
  },
};

// The CLI: dist/slipway.mjs is the entry point (an ES module, a few KB); everything else is one
// script, dist/slipway-cli.cjs, which the entry runs with V8's code cache
// (packages/cli/src/cli-bundle-loader.ts says why: Node 20 caches no ES module). In it each
// command is still evaluated only when it runs (esbuild turns a dynamic import of a bundled
// module into a lazy initialiser), and the packages it keeps external are `require`d: a script
// has no `import()` without a flag on Node 20, and every one of them can be required on Node
// 20.19 and later. Minified: less to read and compile on a run without a cache.
const cliDist = join(root, 'packages/cli/dist');
const cliSrc = join(root, 'packages/cli/src');
const suite = join(root, 'packages/extension/test/suite');
const suiteEntries = existsSync(suite)
  ? readdirSync(suite)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => join(suite, f))
  : [];
// Nothing changed since the last build: its bundles stand (scripts/build-stamp.mjs).
const stampPath = join(root, 'node_modules/.cache/slipway-build-stamp.json');
const stampKey = JSON.stringify({ version, sourceHash, suiteEntries });
const force = process.argv.includes('--force') || process.env.SLIPWAY_FORCE_BUILD === '1';
// `--pack` (the CLI package's prepack): chunks the last build did not write go at once, whatever
// their age, so the tarball holds only what the entry points load (scripts/stale-chunks.mjs).
const chunkGrace = process.argv.includes('--pack') ? 0 : STALE_CHUNK_GRACE_MS;
const standing = force ? undefined : upToDateOutputs(stampPath, stampKey);
if (standing) {
  // The bundles stand; what earlier builds left beside them still goes once it is old enough.
  for (const dir of chunkDirs(root)) removeStaleChunks(dir, standing, chunkGrace);
  buildCore();
  process.exit(0);
}
dropStamp(stampPath);
/** Files and directories copied as they are (sources and copies), for the stamp. */
const copied = [];
const jobs = [buildCli({ common, core, cliSrc, cliDist })];
// policy-core bundled (index and node adapters, one shared chunk) for the tests of its hosts
// (vitest.config.ts says why). Not published: npm ships dist/, tsc's.
jobs.push(
  build({
    ...common,
    entryPoints: { index: join(core, 'index.ts'), node: join(core, 'node/index.ts') },
    outdir: join(root, 'packages/policy-core/dist-hosts'),
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // Every dependency from node_modules, as a host's own install resolves it.
    packages: 'external',
    alias: {},
    sourcemap: 'linked',
  }),
);
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
        // pg (plain JavaScript, about 150 KB) is bundled: the .vsix has no node_modules, and
        // Stamp Production Baseline from the editor reaches a real PostgreSQL through it.
        external: common.external.filter((name) => name !== 'pg'),
        // Less to read and parse at every editor start (and less to ship in the .vsix).
        minify: true,
        // `slipway-lsp` (the lsp package's bin) is this file: editors run it directly.
        banner: { js: `#!/usr/bin/env node\n${common.banner.js}` },
      }),
    );
    // libpg-query and what it requires, from where pnpm keeps them side by side.
    const pgModules = dirname(realpathSync(join(root, 'packages/policy-core/node_modules/libpg-query')));
    for (const pkg of ['libpg-query', '@pgsql/types']) {
      cpSync(join(pgModules, pkg), join(root, dir, 'node_modules', pkg), {
        recursive: true,
        dereference: true,
      });
      copied.push(join(pgModules, pkg), join(root, dir, 'node_modules', pkg));
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
      // The .vsix carries it; VS Code parses it at every activation.
      minify: true,
    }),
  );
  // The mocha suite (.vscode-test.mjs) the extension host loads: CommonJS like the extension,
  // `vscode` and mocha's globals from the host. Not in the .vsix (.vscodeignore).
  if (suiteEntries.length > 0)
    jobs.push(
      build({
        ...common,
        format: 'cjs',
        banner: {},
        entryPoints: suiteEntries,
        outdir: join(root, 'packages/extension/dist/test/suite'),
        sourcemap: 'inline',
      }),
    );
  // yamlValidation / jsonValidation point at these (the same files `slipway schema` prints).
  for (const name of ['policy.schema.json', 'deploy-record.schema.json', 'policy-tests.schema.json']) {
    cpSync(join(root, 'docs/schemas', name), join(root, 'packages/extension/dist', name));
    copied.push(join(root, 'docs/schemas', name), join(root, 'packages/extension/dist', name));
  }
}
const results = (await Promise.all(jobs)).flat();
// SLIPWAY_BUILD_META=file: the CLI script's metafile (what each module adds to it), to study its size.
if (process.env.SLIPWAY_BUILD_META)
  writeFileSync(process.env.SLIPWAY_BUILD_META, JSON.stringify(results[0].metafile));
// Chunks first: an entry point is only ever on disk once the chunks it imports are.
const outputs = results.flatMap((r) => r.outputFiles);
const isChunk = (f) => f.path.includes(`${sep}chunks${sep}`);
for (const file of [...outputs.filter(isChunk), ...outputs.filter((f) => !isChunk(f))])
  writeAtomically(file.path, file.contents);
// Chunk names carry content hashes: the ones this build did not write are left from earlier
// builds (and dist/chunks and dist/commands from older layouts of the CLI).
const written = new Set(outputs.map((f) => f.path));
for (const dir of chunkDirs(root)) removeStaleChunks(dir, written, chunkGrace);
for (const path of written) if (!existsSync(path)) written.delete(path);
writeStamp(
  stampPath,
  stampKey,
  root,
  [
    ...new Set(results.flatMap((r) => Object.keys(r.metafile.inputs))),
    ...buildConfigFiles(root),
    ...copied.flatMap(filesUnder),
  ],
  [...written],
);
buildCore();

/** sha256 over the files under `paths` (sorted by path): names and contents. */
function hashSources(paths) {
  const hash = createHash('sha256');
  const visit = (path) => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name));
    } else {
      hash.update(`${path.slice(root.length)}\0`);
      hash.update(readFileSync(path));
    }
  };
  for (const path of paths) visit(path);
  return hash.digest('hex').slice(0, 16);
}

function writeAtomically(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  // The language server bundle is a bin (`slipway-lsp`): executable, like the CLI's.
  writeFileSync(tmp, contents, { mode: path.endsWith('server.mjs') ? 0o755 : 0o644 });
  renameSync(tmp, path);
}

/** `--core`: @slipway/policy-core compiled to dist/ by tsc, whether or not the bundles were built. */
function buildCore() {
  if (!process.argv.includes('--core')) return;
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
