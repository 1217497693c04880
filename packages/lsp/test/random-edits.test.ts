import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliTreeCheck, inProcessTreeCheck, type ReportedFinding } from './helpers/fresh-check.js';
import { ServiceSession } from './helpers/service-session.js';

// Seeded random edits through didChange (incremental, as editors send them) to a requirements
// file, a lock, a migration and the policy; after each, the diagnostics the server reports
// must equal a fresh `slipway check --tree --format json` of the same texts. The folder is not
// a git repository, so both check the tree as it is (no change under review).
//
// The fresh check runs in this process (inProcessTreeCheck: the CLI's calls, nothing kept between
// them), and by the built CLI at the start, halfway and at the end, where the two must agree:
// 31 CLI processes were nine tenths of this file's time. SLIPWAY_FUZZ_ALL_CLI=1 runs the CLI at
// every step as well, for a long fuzzing run with other seeds.
const SEED = Number(process.env.SLIPWAY_FUZZ_SEED ?? 20261123);
const STEPS = 30;
const CLI_STEPS = new Set([-1, Math.floor(STEPS / 2), STEPS - 1]);
const ALL_CLI = process.env.SLIPWAY_FUZZ_ALL_CLI === '1';

const TEXTS: Record<string, string> = {
  'slipway.yaml':
    'version: 1\ndependencies:\n  requirements: requirements.txt\n  lock: requirements.lock\n  mode: mirror\nmigrations:\n  sql: ["db/*.sql"]\nrules:\n  MIG037: warning\n',
  'requirements.txt': 'flask==3.0.0\nrequests==2.31.0\n',
  'requirements.lock': 'flask==3.0.0\nrequests==2.31.0\nurllib3==2.2.1\n',
  'db/0001.sql': 'CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN c int;\n',
};

/** What a file may get: fragments that make and unmake findings, and plain noise. */
const FRAGMENTS: Record<string, string[]> = {
  'requirements.txt': [
    'flask==3.1.0\n',
    'django>=4\n',
    '==',
    '1',
    '\n',
    '# note\n',
    'requests',
    ' \\\n',
    '-r x.txt\n',
  ],
  'requirements.lock': [
    'flask==3.0.1\n',
    'urllib3==2.2.2\n',
    '--hash=sha256:00\n',
    '\n',
    '2',
    'six==1.16.0\n',
  ],
  'db/0001.sql': [
    'DROP TABLE t;\n',
    'ALTER TABLE t ADD COLUMN d int NOT NULL;\n',
    ';',
    '\n',
    '-- x\n',
    'TABLE ',
    "SET lock_timeout = '5s';\n",
  ],
};
/** The policy stays valid (an invalid one is one line from the CLI, not findings): whole-line toggles. */
const POLICY_VARIANTS = ['  MIG037: warning\n', '  MIG037: off\n', '  MIG001: warning\n', '  DEP004: info\n'];

/** A small deterministic generator (mulberry32): the same seed, the same edits. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** One finding as both sides can say it: file, rule, severity, 1-based range, message. */
const key = (file: string, rule: unknown, severity: string, r: Range, message: string) =>
  `${file} ${String(rule)} ${severity} ${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1} ${message}`;
const SEVERITY = ['', 'error', 'warning', 'info'];

describe(`random edits equal a fresh check (seed ${SEED})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-fuzz-'));
  const fresh = mkdtempSync(join(tmpdir(), 'slipway-fuzz-fresh-'));
  let lsp: ServiceSession;
  const texts = { ...TEXTS };

  const writeAll = (root: string) => {
    for (const [path, text] of Object.entries(texts)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
  };

  beforeAll(async () => {
    writeAll(dir);
    lsp = await ServiceSession.start(dir);
    for (const [path, text] of Object.entries(texts)) await lsp.open(path, text);
  });
  afterAll(async () => {
    await lsp?.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(fresh, { recursive: true, force: true });
  });

  const served = async (): Promise<string[]> => {
    const out: string[] = [];
    for (const item of (await lsp.pullWorkspace()).items) {
      if (!('items' in item)) continue;
      const file = item.uri.slice(lsp.uri('').length + 1);
      for (const d of item.items as Diagnostic[])
        out.push(key(file, d.code, SEVERITY[d.severity ?? 1] ?? '', d.range, String(d.message)));
    }
    return out.sort();
  };

  const keysOf = (findings: ReportedFinding[]) =>
    findings
      .map((f) =>
        key(
          f.file,
          f.rule,
          f.severity,
          {
            start: { line: f.line - 1, character: f.column - 1 },
            end: { line: f.endLine - 1, character: f.endColumn - 1 },
          },
          f.message,
        ),
      )
      .sort();

  /** A fresh check of the texts after `step` (-1: before any edit); by the CLI too on its steps. */
  const checked = async (step: number): Promise<string[]> => {
    writeAll(fresh);
    const inProcess = keysOf(await inProcessTreeCheck(fresh));
    if (ALL_CLI || CLI_STEPS.has(step))
      expect(inProcess, `step ${step}: the in-process check is the CLI's`).toEqual(
        keysOf(cliTreeCheck(fresh)),
      );
    return inProcess;
  };

  it(`${STEPS} edits: after each, the service's diagnostics are those of a fresh check`, async () => {
    const next = random(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
    expect(await served()).toEqual(await checked(-1));
    for (let step = 0; step < STEPS; step++) {
      const path = pick(Object.keys(texts));
      const text = texts[path] as string;
      let start: number;
      let end: number;
      let insert: string;
      if (path === 'slipway.yaml') {
        // Replace the last line (under `rules:`) with another valid one.
        start = text.lastIndexOf('\n', text.length - 2) + 1;
        end = text.length;
        insert = pick(POLICY_VARIANTS);
      } else {
        start = Math.floor(next() * (text.length + 1));
        const deleting = next() < 0.4;
        end = deleting ? Math.min(text.length, start + 1 + Math.floor(next() * 12)) : start;
        insert = deleting ? '' : pick(FRAGMENTS[path] as string[]);
      }
      const range = { start: positionAt(text, start), end: positionAt(text, end) };
      texts[path] = text.slice(0, start) + insert + text.slice(end);
      await lsp.edit(path, range, insert);
      const edit = `step ${step}: ${path} ${JSON.stringify(range)} ${JSON.stringify(insert)}`;
      const now = await served();
      if (process.env.SLIPWAY_FUZZ_LOG) console.log(edit, now.length);
      expect(now, edit).toEqual(await checked(step));
    }
    // A bound for a hung server, not a speed target: 30 edits, each with a fresh check beside it,
    // ran past 60 s on a loaded 2-core machine.
  }, 240_000);
});
