// One command's code as one file: the step after the CLI's split build (scripts/build.mjs).
//
// esbuild's code splitting cuts the CLI into chunks by which commands share each module, so
// `slipway check` (run at every commit and on every pull request) loaded 58 files. Node's ESM
// loader pays for each file (resolve, read, compile, link) and does it on the thread that later
// runs the rules, while git is reading the change. Bundling the command's chunk again, with
// everything it reaches inlined except what the entry point has already loaded, leaves one file.
// Measured on 100,000 files with a 5,000-file change (`pnpm bench check`): the whole process
// 4% faster in wall time, 5.5% less CPU.
//
// Modules stay single: what the entry point and `main` load before the command is left external
// (the same instances: the early git work, error classes caught by main). The build fails if a
// chunk loaded before the command could later load a second copy of a module the merge inlined.
import { build } from 'esbuild';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * What is merged: `slipway check` (run at every commit and on every pull request); `slipway test`,
 * whose whole run (a few hundred cases) is about as long as loading 48 files; and the agent gate's
 * engine (`slipway hook`, run before every tool call an agent makes), loaded by the hook command
 * once the call needs judging.
 */
export const MERGED_COMMANDS = [
  { command: 'packages/cli/src/commands/check.ts' },
  { command: 'packages/cli/src/commands/test.ts' },
  { command: 'packages/cli/src/hook/judge-and-log.ts', loadedWith: ['packages/cli/src/commands/hook.ts'] },
];

/**
 * @param {{ root: string, metafile: import('esbuild').Metafile, entry: string, command: string, common: object }} o
 *   entry: the bin's source (its output and what it loads first stay external); command: the
 *   command module's source, both relative to root as the metafile names them; loadedWith: the
 *   sources whose chunks are loaded before `command`'s (the command that imports it on demand)
 * @returns {Promise<{ files: import('esbuild').OutputFile[], unused: string[] }>} files: the merged
 *   chunks and their source maps, to write; unused: chunks of the split build (relative to root)
 *   that only the command's chunk imported and that nothing loads any more
 */
export async function mergeCommandChunk({ root, metafile, entry, command, common, loadedWith = [] }) {
  const outputs = metafile.outputs;
  const outputOf = (source) => {
    const found = Object.keys(outputs).find((k) => outputs[k].entryPoint === source);
    if (!found) throw new Error(`merge-command-chunk: no output for ${source}`);
    return found;
  };
  const closure = (start, follow, stopAt = new Set()) => outputsReached(outputs, start, follow, stopAt);
  const isStatic = (kind) => kind === 'import-statement';
  // Loaded before any command: the bin entry, then (dynamically) what the bin itself imports on
  // demand before it runs a command (the early git work, for `check`) and main with the command
  // table. They stay files of their own, the same instances the command then uses.
  const binOut = outputOf(entry);
  const before = closure(binOut, isStatic);
  // (Iterating a Set visits what is added meanwhile: main's own imports are followed too.)
  for (const k of before)
    for (const imp of outputs[k].imports)
      if (imp.kind === 'dynamic-import' && !imp.external && (k === binOut || isMainChunk(outputs[imp.path])))
        for (const m of closure(imp.path, isStatic)) before.add(m);
  for (const source of loadedWith) for (const m of closure(outputOf(source), isStatic)) before.add(m);
  const target = outputOf(command);
  const inlined = closure(target, () => true, before);
  // A chunk that what was loaded before imports on demand must not share modules with the merge:
  // the command table's other commands are never loaded in the same run, so they are exempt.
  for (const k of before)
    for (const imp of outputs[k].imports) {
      if (
        imp.kind !== 'dynamic-import' ||
        imp.external ||
        imp.path === target ||
        before.has(imp.path) ||
        isCommand(outputs[imp.path])
      )
        continue;
      const shared = [...closure(imp.path, isStatic, before)].filter((m) => inlined.has(m));
      if (shared.length > 0)
        throw new Error(`merge-command-chunk: ${k} loads ${imp.path} on demand, which shares ${shared[0]}`);
    }
  const targetPath = join(root, target);
  const beforePaths = new Set([...before].map((k) => join(root, k)));
  const result = await build({
    absWorkingDir: root,
    entryPoints: [targetPath],
    // What the command imports on demand (the rules, while git reads the change) stays a chunk
    // of its own, loaded when asked for: split again, beside the command's file.
    splitting: true,
    outdir: dirname(targetPath),
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    allowOverwrite: true,
    write: false,
    bundle: true,
    platform: 'node',
    target: common.target,
    format: 'esm',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    // @iarna/toml reads `util.inspect` through eval, inside a try (for its error messages); the
    // split build wrapped it as CommonJS, where esbuild does not warn of it.
    logOverride: { 'direct-eval': 'silent' },
    // Packages the split build left external (WASM, drivers) stay so.
    packages: 'external',
    plugins: [
      {
        name: 'loaded-before-stays-external',
        setup(b) {
          b.onResolve({ filter: /^\.\.?\// }, (args) => {
            const path = resolve(dirname(args.importer), args.path);
            if (!beforePaths.has(path)) return undefined;
            return { path: `./${relative(dirname(targetPath), path)}`, external: true };
          });
        },
      },
    ],
  });
  const stillLoaded = closure(binOut, () => true, new Set([target]));
  const unused = [...inlined].filter((k) => k !== target && !stillLoaded.has(k));
  // esbuild may emit a chunk for a module the command both imports and imports on demand, which
  // the merged file then has inlined and never loads: only what the command's file reaches is kept.
  const merged = result.metafile.outputs;
  // (Chunks it imports on demand are entry points of this build too: the command's is the one built from it.)
  const mergedTarget = Object.keys(merged).find((k) => merged[k].entryPoint === target);
  const reached = outputsReached(merged, mergedTarget, () => true);
  const kept = (file) => reached.has(relative(root, file.path).replace(/\.map$/, ''));
  return { files: result.outputFiles.filter(kept), unused };
}

/**
 * The outputs of a metafile that `start` loads, itself included: through the imports whose kind
 * `follow` accepts, never into `stopAt` or an external package.
 */
function outputsReached(outputs, start, follow, stopAt = new Set()) {
  const seen = new Set();
  const stack = [start];
  while (stack.length > 0) {
    const k = stack.pop();
    if (seen.has(k) || stopAt.has(k)) continue;
    seen.add(k);
    for (const imp of outputs[k].imports) if (!imp.external && follow(imp.kind)) stack.push(imp.path);
  }
  return seen;
}

/** main's chunk: the command table, imported by the bin entry once git has started. */
function isMainChunk(output) {
  return output?.entryPoint?.endsWith('/main.ts') ?? false;
}

/** A command's own module (packages/cli/src/commands/*.ts), listed in the command table. */
function isCommand(output) {
  return /\/commands\/[^/]+\.ts$/.test(output?.entryPoint ?? '');
}
