import { createRequire } from 'node:module';
import { basename, dirname, relative, resolve } from 'node:path';
import { type LoadedScript, runCachedScript, type ScriptHost } from './cached-script.js';

/**
 * The chunks a split script requires (dist/chunks/, scripts/build-cli.mjs's splitScript): each
 * run once, when first required, with a code cache of its own (`chunk-<its name>`), so that a call
 * deserialises the code of the chunks it loads and no other. A run's marks (`reached`) go to
 * every chunk it loaded, those loaded before the mark and after it.
 */
export class Chunks implements ScriptHost {
  readonly #loaded = new Map<string, { module: { exports: unknown }; script?: LoadedScript }>();
  readonly #marks = new Set<string>();
  #saving = false;

  constructor(readonly dist: string) {}

  /** A script's `require`: a chunk beside it (`./chunks/x.cjs`, `./y.cjs` from a chunk) from here. */
  requireFrom(file: string): (id: string) => unknown {
    const node = createRequire(file);
    return (id) => (CHUNK_ID.test(id) ? this.#require(resolve(dirname(file), id)) : node(id));
  }

  #require(file: string): unknown {
    const known = this.#loaded.get(file);
    // A chunk that requires one still being run (a cycle) gets its exports as they are so far,
    // as CommonJS gives them: esbuild's scripts define their exports before requiring.
    if (known) return known.module.exports;
    const entry: { module: { exports: unknown }; script?: LoadedScript } = { module: { exports: {} } };
    this.#loaded.set(file, entry);
    const name = basename(file, '.cjs');
    const script = runCachedScript(
      {
        name: relative(this.dist, file),
        cacheName: `chunk-${name}`,
        key: 'chunk',
        traceLabel: ` (chunk ${name})`,
        quietWhenUsed: true,
        module: entry.module,
      },
      this,
    );
    entry.script = script;
    for (const mark of this.#marks) script.reached(mark);
    if (this.#saving) script.saveAtExit();
    return entry.module.exports;
  }

  reached(mark: string): void {
    this.#marks.add(mark);
    for (const { script } of this.#loaded.values()) script?.reached(mark);
  }

  saveAtExit(): void {
    this.#saving = true;
    for (const { script } of this.#loaded.values()) script?.saveAtExit();
  }
}

/** What a split script requires of its chunks: a relative `.cjs` name (scripts/build-cli.mjs). */
const CHUNK_ID = /^\.\.?\/[^\0]*\.cjs$/;
