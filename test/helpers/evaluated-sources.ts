import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CliResult, slipway } from './cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/**
 * The CLI's scripts (packages/cli/src/cli-bundle-loader.ts): dist/slipway-cli.cjs and the others,
 * and a split script's chunks (dist/chunks/slipway-hook-<hash>.cjs, part of slipway-hook.cjs).
 */
const SCRIPT = /\/(?:chunks\/)?(slipway-[a-z]+)(?:-[A-Z0-9]+)?\.cjs$/;
/** How the entry wraps a script before V8 compiles it (packages/cli/src/cli-bundle-loader.ts). */
const WRAPPER_START = '(function (exports, require, module, __filename, __dirname) {';

export interface Evaluated {
  result: CliResult;
  /** Source files (relative to the repository root) of which at least one function ran. */
  sources: Set<string>;
  /** The Node built-in modules the process loaded (`node:crypto`, …). */
  builtins: Set<string>;
  /** Which of the CLI's scripts the run loaded (`slipway-hook.cjs`, …). */
  scripts: Set<string>;
}

/**
 * Which of the CLI's sources a real run of the built CLI evaluated: V8's own coverage of the run
 * (NODE_V8_COVERAGE) names every function of the script bundle that ran at least once, and the
 * bundle's source map says which source file each one comes from. A module the run only reaches
 * through a dynamic import it never took is in the bundle but never initialised: none of its
 * functions run, so it is not in `sources`. A split script's chunk is run whole when first
 * required: each of its sources counts. This is what an agent's hook pays for on each call.
 */
export function evaluatedSources(args: string[], opts: { cwd?: string; input?: string } = {}): Evaluated {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-coverage-'));
  try {
    const result = slipway(args, { ...opts, env: { NODE_V8_COVERAGE: dir } });
    const scripts = readdirSync(dir).flatMap(
      (f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as Coverage).result,
    );
    const builtins = new Set(scripts.map((s) => s.url).filter((u) => /^node:(?!internal)/.test(u)));
    const loaded = scripts.filter((s) => SCRIPT.test(s.url));
    if (loaded.length === 0) throw new Error("the run loaded none of the CLI's scripts");
    const sources = new Set(loaded.flatMap((s) => [...sourcesRun(s)]));
    const names = new Set(loaded.map((s) => `${(SCRIPT.exec(s.url) as RegExpExecArray)[1]}.cjs`));
    return { result, sources, builtins, scripts: names };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Coverage {
  result: {
    url: string;
    functions: { ranges: { startOffset: number; endOffset: number; count: number }[] }[];
  }[];
}

function sourcesRun(bundle: Coverage['result'][number]): Set<string> {
  const script = bundle.url.startsWith('file:') ? fileURLToPath(bundle.url) : bundle.url;
  // The shell parser's script is one package's build, without a map: it stands for itself.
  if (!existsSync(`${script}.map`)) return new Set([relative(ROOT, script)]);
  const text = readFileSync(script, 'utf8');
  const mapJson = JSON.parse(readFileSync(`${script}.map`, 'utf8')) as SourceMapPayload;
  // A chunk of a split script (scripts/build-cli.mjs) is run whole when it is first required: the
  // top level of every module in it runs then, whether or not a function of it is called after.
  if (/[/\\]chunks[/\\]/.test(script))
    return new Set(mapJson.sources.map((source) => relative(ROOT, resolve(dirname(script), source))));
  const map = new SourceMap(mapJson);
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const sources = new Set<string>();
  for (const fn of bundle.functions) {
    const range = fn.ranges[0];
    if (!range || range.count === 0) continue;
    const at = range.startOffset - WRAPPER_START.length;
    if (at < 0) continue; // the wrapper itself
    let line = lineStarts.length - 1;
    for (let lo = 0, hi = lineStarts.length - 1; lo <= hi; ) {
      const mid = (lo + hi) >> 1;
      if ((lineStarts[mid] as number) <= at) {
        line = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const entry = map.findEntry(line, at - (lineStarts[line] as number)) as { originalSource?: string };
    const source = entry.originalSource;
    if (source)
      sources.add(
        relative(ROOT, source.startsWith('file:') ? fileURLToPath(source) : resolve(dirname(script), source)),
      );
  }
  return sources;
}
