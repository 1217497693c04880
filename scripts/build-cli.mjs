// The CLI's part of scripts/build.mjs: its scripts, its entry point and its worker.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { build } from 'esbuild';

/**
 * The CLI's builds, each after what it names by hash: the shell parser's script
 * (dist/slipway-sh.cjs), then the scripts that may load it (dist/slipway-cli.cjs, every command;
 * dist/slipway-hook.cjs, the agent gate alone; dist/slipway-metrics.cjs, the delivery figures
 * alone: packages/cli/src/cli-bundle-loader.ts says why), then the entry point and the worker thread `slipway check --jobs` reads .sql
 * migrations in, which name the scripts. The worker is an entry of its own, whole.
 */
export async function buildCli({ common, core, cliSrc, cliDist }) {
  const shell = await build({
    ...common,
    format: 'cjs',
    entryPoints: { 'slipway-sh': createRequire(join(core, 'index.ts')).resolve('mvdan-sh') },
    outdir: cliDist,
    outExtension: { '.js': '.cjs' },
    ...scriptWrapper(''),
    plugins: [],
    minify: true,
  });
  const scripts = await build({
    ...common,
    format: 'cjs',
    entryPoints: {
      'slipway-cli': join(cliSrc, 'cli-bundle.ts'),
      'slipway-metrics': join(cliSrc, 'metrics-bundle.ts'),
    },
    outdir: cliDist,
    outExtension: { '.js': '.cjs' },
    supported: { 'dynamic-import': false },
    plugins: [...common.plugins, shellParserScript(cliSrc)],
    // The one module that reads its own address (the PGlite contrib files, beside the package).
    define: {
      ...common.define,
      'import.meta.url': '__slipwayImportMetaUrl',
      __SLIPWAY_SH_KEY__: JSON.stringify(keyOf(shell, 'slipway-sh.cjs')),
    },
    ...scriptWrapper('var __slipwayImportMetaUrl = require("node:url").pathToFileURL(__filename).href;'),
    minify: true,
    // Stack traces map back to the TypeScript sources under `--debug` (bin.ts turns source maps on).
    sourcemap: 'linked',
  });
  const hook = await splitScript(common, {
    name: 'slipway-hook',
    entry: join(cliSrc, 'hook-bundle.ts'),
    cliDist,
    plugins: [...common.plugins, shellParserScript(cliSrc)],
    define: {
      ...common.define,
      'import.meta.url': '__slipwayImportMetaUrl',
      __SLIPWAY_SH_KEY__: JSON.stringify(keyOf(shell, 'slipway-sh.cjs')),
    },
  });
  const entries = await build({
    ...common,
    entryPoints: {
      slipway: join(cliSrc, 'bin.ts'),
      'slipway-worker': join(core, 'node/worker-pool/migration-file-worker.ts'),
    },
    outdir: cliDist,
    outExtension: { '.js': '.mjs' },
    define: {
      ...common.define,
      __SLIPWAY_CLI_BUNDLE_KEY__: JSON.stringify(keyOf(scripts, 'slipway-cli.cjs')),
      __SLIPWAY_HOOK_BUNDLE_KEY__: JSON.stringify(keyOf(hook, 'slipway-hook.cjs')),
      __SLIPWAY_METRICS_BUNDLE_KEY__: JSON.stringify(keyOf(scripts, 'slipway-metrics.cjs')),
    },
    minify: true,
    sourcemap: 'linked',
    // `slipway` is this file once installed (npm links the bin): it must say what runs it.
    banner: { js: `#!/usr/bin/env node\n${common.banner.js}` },
  });
  return [scripts, hook, shell, entries];
}

/**
 * A script split where its modules are loaded: the agent gate runs before every tool call of an
 * agent, and most of its calls (a Write to docs) run the path rules alone, not the migration and
 * dependency readers that make up most of its code. esbuild splits ES modules only: the gate is
 * built as modules with code splitting (a chunk per set of dynamic imports that reach it), then
 * each output is written again as a script as the others are (CommonJS, the wrapper below), its
 * imports `require`s of the chunks beside it, which the loader runs each with a code cache of its
 * own (packages/cli/src/cli-bundle-loader.ts). Each module is still one instance: it is in one
 * chunk, which is run once. Source maps go through both steps to the TypeScript sources.
 * `dist/<name>.cjs`, then its chunks in `dist/chunks/<name>-<hash>.cjs`.
 */
async function splitScript(common, { name, entry, cliDist, plugins, define }) {
  const modules = await build({
    ...common,
    format: 'esm',
    splitting: true,
    entryPoints: { [name]: entry },
    outdir: cliDist,
    outExtension: { '.js': '.cjs' },
    chunkNames: `chunks/${name}-[hash]`,
    // The scripts get `require` from their wrapper: no shim of it over the top.
    banner: {},
    plugins,
    define,
    minify: true,
    sourcemap: 'inline',
  });
  const scripts = await Promise.all(
    modules.outputFiles.map(async (file) => {
      const r = await build({
        absWorkingDir: common.absWorkingDir,
        stdin: { contents: file.text, sourcefile: file.path, resolveDir: dirname(file.path), loader: 'js' },
        outfile: file.path,
        write: false,
        bundle: false,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        logLevel: 'warning',
        legalComments: 'none',
        supported: { 'dynamic-import': false },
        ...scriptWrapper('var __slipwayImportMetaUrl = require("node:url").pathToFileURL(__filename).href;'),
        minify: true,
        sourcemap: 'linked',
      });
      return r.outputFiles;
    }),
  );
  const outputFiles = scripts.flat();
  // The loader reads each as Latin-1 (cli-bundle-loader.ts): their text only while it is ASCII.
  for (const f of outputFiles)
    if (f.path.endsWith('.cjs') && f.contents.some((byte) => byte > 0x7f))
      throw new Error(`${f.path}: not ASCII`);
  return { outputFiles, metafile: modules.metafile };
}

/**
 * The scripts are written as the function CommonJS would wrap them in, so that the loader
 * (cli-bundle-loader.ts) compiles the file's text as it was read: a wrapper joined to megabytes
 * there costs a copy of them on every run. Node's CommonJS loader can still read each file (it
 * then evaluates a function expression and runs nothing), which `--debug` uses for source maps.
 */
function scriptWrapper(prologue) {
  return {
    banner: { js: `(function (exports, require, module, __filename, __dirname) {${prologue}` },
    footer: { js: '})' },
  };
}

/**
 * A script's name for its code caches: a hash of its text. The scripts are read as Latin-1
 * (cli-bundle-loader.ts), which is their text only while it is ASCII, as esbuild writes it.
 */
function keyOf(result, name) {
  const file = result.outputFiles.find((f) => f.path.endsWith(`${sep}${name}`));
  if (file.contents.some((byte) => byte > 0x7f)) throw new Error(`${name}: not ASCII`);
  return createHash('sha256').update(file.contents).digest('hex').slice(0, 16);
}

/**
 * `import('mvdan-sh')` in the CLI's scripts: the shell parser's own script, run with its code
 * cache from beside the script that asks (`__dirname` there is dist/), not a copy inside it.
 */
function shellParserScript(cliSrc) {
  const loader = join(cliSrc, 'cli-bundle-loader.ts');
  return {
    name: 'shell-parser-script',
    setup(b) {
      b.onResolve({ filter: /^mvdan-sh$/ }, () => ({ path: 'mvdan-sh', namespace: 'shell-parser-script' }));
      b.onLoad({ filter: /.*/, namespace: 'shell-parser-script' }, () => ({
        contents: `import { loadShellParserScript } from ${JSON.stringify(loader)};
const sh = loadShellParserScript(__dirname, __SLIPWAY_SH_KEY__);
export default sh;
export const syntax = sh.syntax;`,
        resolveDir: cliSrc,
        loader: 'js',
      }));
    },
  };
}
