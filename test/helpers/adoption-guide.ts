import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { expect } from 'vitest';
import { CLI, CLI_ENV_UNSET } from './cli.js';
import { IDENTITY } from './git-repo.js';
import { fencedBlocks, section } from './markdown-blocks.js';
import type { ProcessResult } from './run-process.js';

/**
 * The deploy guide's "Adopting through a pull request" as its tests run it: each line of the
 * section's `sh` blocks, in order. A `slipway check` line says what it must be (`# green` /
 * `# red: RULE, …, exit 1`); every other line must succeed.
 */
const guide = readFileSync(new URL('../../docs/guides/deploy.md', import.meta.url), 'utf8');

export const ADOPTION_LINES: string[] = fencedBlocks(section(guide, '8. Adopting through a pull request'))
  .filter((b) => b.lang === 'sh')
  .flatMap((b) => b.text.split('\n').filter((l) => l.trim() !== ''));

export interface Verdict {
  verdict: 'green' | 'red';
  /** The rules a red line names. */
  rules: string[];
}

/** What a line says its check must be; undefined for a line that must merely succeed. */
export function verdictOf(line: string): Verdict | undefined {
  const m = /# (green|red)(?::\s*(.*?), exit)?/.exec(line);
  if (!m) return undefined;
  return {
    verdict: m[1] as Verdict['verdict'],
    rules: (m[2] ?? '').split(/,\s*|\s+and\s+/).filter(Boolean),
  };
}

/** What a `slipway check` printed (its text report) as `severity RULE`, each once, sorted. */
export const findingKinds = (stdout: string): string[] =>
  [
    ...new Set(
      [...stdout.matchAll(/^\S+:\d+:\d+: (error|warning|info) ([A-Z]+\d{3}) /gm)].map(
        (m) => `${m[1]} ${m[2]}`,
      ),
    ),
  ].sort();

const errors = (stdout: string) => findingKinds(stdout).filter((k) => k.startsWith('error '));

/**
 * One line's outcome against what it says: a plain line exits 0; a green check judged a change
 * and found no error; a red one exits 1 with an error of each rule the guide's line names, or,
 * where a test says what its project's change must draw (`red`: `error MIG001`, `warning
 * PATH003`, …), exactly those findings.
 */
export function expectOutcome(line: string, r: ProcessResult, red?: string[]): void {
  const said = `${line}\n${r.stdout}${r.stderr}`;
  const v = verdictOf(line);
  if (!v) {
    expect(r.code, said).toBe(0);
    return;
  }
  expect(r.stdout, said).toMatch(/^judged: the change from /m);
  if (v.verdict === 'green') {
    expect(r.code, said).toBe(0);
    expect(errors(r.stdout), said).toEqual([]);
    return;
  }
  expect(r.code, said).toBe(1);
  expect(v.rules, 'the red line names the rules it expects').not.toEqual([]);
  if (red) expect(findingKinds(r.stdout), said).toEqual([...red].sort());
  else for (const rule of v.rules) expect(r.stdout, said).toMatch(new RegExp(` error ${rule} `));
}

/** A `slipway` on PATH that runs the built CLI, and the environment the guide's lines run in. */
export class SlipwayOnPath {
  private readonly bin = mkdtempSync(join(tmpdir(), 'slipway-bin-'));
  readonly env: NodeJS.ProcessEnv;

  constructor() {
    writeFileSync(join(this.bin, 'slipway'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(join(this.bin, 'slipway'), 0o755);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...IDENTITY,
      PATH: `${this.bin}${delimiter}${process.env.PATH}`,
    };
    for (const k of [...Object.keys(CLI_ENV_UNSET), 'GITHUB_BASE_REF']) delete env[k];
    this.env = env;
  }

  dispose(): void {
    rmSync(this.bin, { recursive: true, force: true });
  }
}
