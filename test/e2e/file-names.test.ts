import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { json, repoFactory } from './e2e-helpers.js';

const require = createRequire(import.meta.url);
const repo = repoFactory();

/**
 * A branch whose change touches protected files with hard names: a space and quotes, a comma,
 * colon and percent (GitHub property syntax), a newline (a rename out of core/), a non-UTF-8
 * byte, and an emoji (non-BMP) on the first line of the file.
 */
function hardNames() {
  const r = repo({ 'slipway.yaml': 'version: 1\nprotected:\n  paths: [core/]\n', 'core/old.py': 'o\n' });
  r.commit('init');
  r.git('checkout', '-q', '-b', 'feature');
  r.write({ 'core/sp ace "q" \'s\'.py': 'x\n', 'core/a,b:c%d.py': 'x\n', 'core/emoji.py': '😀x\n' });
  mkdirSync(join(r.dir, 'other'), { recursive: true });
  r.git('mv', 'core/old.py', 'other/new\nline.py');
  writeFileSync(
    Buffer.concat([Buffer.from(`${r.dir}/core/caf`), Buffer.of(0xe9), Buffer.from('.py')]),
    'x\n',
  );
  r.commit('hard names');
  return r;
}

describe('file names with spaces, quotes, newlines and non-UTF-8 bytes', () => {
  it('JSON: every file named exactly, the non-UTF-8 byte as a \\udcXX escape, the rename by its new name', () => {
    const r = hardNames();
    const out = slipway(['check', '--format', 'json', '--label', 'x'], { cwd: r.dir });
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('"file": "core/caf\\udce9.py"');
    const files = json(out).findings.map((f) => f.file);
    expect(files).toEqual([
      'core/a,b:c%d.py',
      'core/caf\udce9.py',
      'core/emoji.py',
      'core/sp ace "q" \'s\'.py',
      'other/new\nline.py',
    ]);
    const renamed = json(out).findings.find((f) => f.file === 'other/new\nline.py');
    expect(renamed?.message).toContain('(renamed from `core/old.py`)');
  });

  it('SARIF: valid against the official 2.1.0 schema (URIs checked as uri-references), bytes percent-encoded', () => {
    const r = hardNames();
    const out = slipway(['check', '--format', 'sarif', '--label', 'x'], { cwd: r.dir });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(1);
    const log = JSON.parse(out.stdout);
    const ajv = new Ajv.default({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats.default(ajv);
    const validate = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const uris = log.runs[0].results.map(
      (x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        x.locations[0]?.physicalLocation.artifactLocation.uri,
    );
    expect(uris).toEqual([
      'core/a%2Cb%3Ac%25d.py',
      'core/caf%E9.py',
      'core/emoji.py',
      "core/sp%20ace%20%22q%22%20's'.py",
      'other/new%0Aline.py',
    ]);
  });

  it('GitHub annotations: one line each, properties escaped as the runner expects', () => {
    const r = hardNames();
    const out = slipway(['check', '--format', 'github', '--label', 'x'], { cwd: r.dir });
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    for (const l of lines)
      expect(l).toMatch(/^::error file=[^,]+,line=1,col=1,endLine=1,endColumn=\d+,title=Slipway PATH001::/);
    expect(lines[0]).toMatch(/^::error file=core\/a%2Cb%3Ac%25d\.py,/);
    expect(lines[4]).toMatch(
      /^::error file=other\/new%0Aline\.py,.*::`other\/new%0Aline\.py` \(renamed from/,
    );
  });

  it('text: one line per location; control characters and foreign bytes escaped as git does', () => {
    const r = hardNames();
    const out = slipway(['check', '--label', 'x'], { cwd: r.dir });
    const heads = out.stdout.split('\n').filter((l) => !l.startsWith(' ') && l.includes(' PATH001 '));
    expect(heads.map((l) => l.slice(0, l.indexOf(':1:1:')))).toEqual([
      'core/a,b:c%d.py',
      'core/caf\\xE9.py',
      'core/emoji.py',
      'core/sp ace "q" \'s\'.py',
      'other/new\\nline.py',
    ]);
  });
});

describe('the JSON contract: 1-based, UTF-16 columns, endColumn exclusive', () => {
  it('a non-BMP character before a finding counts two columns', () => {
    const r = repo({ 'a.txt': 'x' });
    // Line 3: `  paths: ["😀/", "nö/"]` — 😀 is two UTF-16 code units, ö one.
    r.write({ 'slipway.yaml': 'version: 1\nprotected:\n  paths: ["😀/", "nö/"]\nrules: {"😀": off}\n' });
    r.commit('init');
    const out = slipway(['check', '--tree', '--format', 'json'], { cwd: r.dir });
    const [emoji, umlaut, rule] = json(out).findings;
    expect(emoji).toMatchObject({ rule: 'POL002', line: 3, column: 11, endLine: 3, endColumn: 16 });
    expect(umlaut).toMatchObject({ rule: 'POL002', line: 3, column: 18, endLine: 3, endColumn: 23 });
    expect(rule).toMatchObject({ rule: 'POL003', line: 4, column: 9, endLine: 4, endColumn: 13 });
    expect(json(out).summary).toEqual({ errors: 1, warnings: 2, infos: 0, filesChecked: 1 });
    expect(json(out).version).toBe(1);
    expect(out.code).toBe(1);
  });

  it('a finding spanning a first line that starts with an emoji ends after it (exclusive)', () => {
    const r = hardNames();
    const f = json(slipway(['check', '--format', 'json'], { cwd: r.dir })).findings.find(
      (x) => x.file === 'core/emoji.py',
    );
    // '😀x' is three UTF-16 code units: columns 1..3, so endColumn 4.
    expect(f).toMatchObject({ line: 1, column: 1, endLine: 1, endColumn: 4, severity: 'warning' });
  });
});
