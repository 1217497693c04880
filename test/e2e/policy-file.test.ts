import { describe, expect, it } from 'vitest';
// What the command decides on each input: the built CLI run in this process (in-process-cli.ts).
import { slipwayInProcess as slipway } from '../helpers/in-process-cli.js';
import { expectOneLine, json, repoFactory, rules } from './e2e-helpers.js';

const repo = repoFactory();

/** Runs `check --tree` on a repository whose only policy file is `name` with `text`. */
function checkPolicy(name: 'slipway.yaml' | 'slipway.toml', text: string) {
  const r = repo({ 'a.txt': 'a\n', [name]: text });
  r.commit('init');
  return slipway(['check', '--tree', '--format', 'json'], { cwd: r.dir });
}

describe('POL001: the CLI exits 2 with one line, file:line:col of the offending key or value', () => {
  const cases: [string, 'slipway.yaml' | 'slipway.toml', string, RegExp][] = [
    [
      'YAML syntax',
      'slipway.yaml',
      'version: 1\nprotected:\n  paths: [core/\n',
      /^slipway check: slipway\.yaml:\d+:\d+: invalid policy: invalid YAML: /,
    ],
    [
      'YAML duplicate key',
      'slipway.yaml',
      'version: 1\nversion: 1\n',
      /slipway\.yaml:2:1: invalid policy: invalid YAML: Map keys must be unique/,
    ],
    [
      'YAML wrong type, after a non-BMP comment',
      'slipway.yaml',
      '# 😀😀\nversion: 1\nprotected: {paths: [a.txt], label: 5}\n',
      /slipway\.yaml:3:36: invalid policy: `protected\.label`: expected string, received number/,
    ],
    [
      'YAML list item after a non-BMP item (UTF-16 column)',
      'slipway.yaml',
      'version: 1\nprotected: {paths: ["😀😀", 5]}\n',
      /slipway\.yaml:2:29: invalid policy: `protected\.paths\[1\]`/,
    ],
    [
      'YAML unknown key',
      'slipway.yaml',
      'version: 1\nprotected:\n  paths: [a.txt]\n  lable: x\n',
      /slipway\.yaml:4:3: invalid policy: unknown key `protected\.lable`/,
    ],
    [
      'YAML misspelt required key: the misspelling is reported first',
      'slipway.yaml',
      'version: 1\nprotected:\n  path: [a.txt]\n',
      /slipway\.yaml:3:3: invalid policy: unknown key `protected\.path`.*\(and 1 more problem/,
    ],
    [
      'YAML version',
      'slipway.yaml',
      'version: 2\n',
      /slipway\.yaml:1:10: invalid policy: `version` must be 1 .*set `version: 1`/,
    ],
    [
      'YAML bad pattern',
      'slipway.yaml',
      'version: 1\nprotected:\n  paths: ["\\\\core"]\n',
      /slipway\.yaml:3:11: invalid policy: `protected\.paths\[0\]`: `\\` escapes/,
    ],
    [
      'YAML top level not a mapping',
      'slipway.yaml',
      '- a\n- b\n',
      /slipway\.yaml:1:1: invalid policy: the top level: expected object/,
    ],
    [
      'TOML syntax',
      'slipway.toml',
      'version = 1\n[protected\n',
      /slipway\.toml:2:\d+: invalid policy: invalid TOML: /,
    ],
    [
      'TOML wrong type in a multi-line array',
      'slipway.toml',
      'version = 1\n[protected]\npaths = [\n  "a.txt",\n  7,\n]\n',
      /slipway\.toml:5:3: invalid policy: `protected\.paths\[1\]`: expected string, received number/,
    ],
    [
      'TOML after a non-BMP value',
      'slipway.toml',
      'version = 1\n[protected]\npaths = ["😀", 5]\n',
      /slipway\.toml:3:16: invalid policy: `protected\.paths\[1\]`/,
    ],
    [
      'TOML misspelt key',
      'slipway.toml',
      'version = 1\n[protected]\npath = ["a.txt"]\n',
      /slipway\.toml:3:1: invalid policy: unknown key `protected\.path`/,
    ],
    [
      'TOML key defined twice: at the second key, named',
      'slipway.toml',
      'version = 1\nproduction_branch = "main"\nproduction_branch = "x"\n',
      /slipway\.toml:3:1: invalid policy: invalid TOML: `production_branch` is defined twice/,
    ],
    [
      'TOML version says the TOML spelling',
      'slipway.toml',
      'version = 2\n',
      /slipway\.toml:1:11: invalid policy: `version` must be 1 .*set `version = 1`/,
    ],
  ];
  for (const [name, file, text, pattern] of cases)
    it(name, () => {
      const out = checkPolicy(file, text);
      expect(out.stdout).toBe('');
      expectOneLine(out, pattern);
    });

  it('an empty policy file says `version` is required', () => {
    expectOneLine(
      checkPolicy('slipway.yaml', ''),
      /slipway\.yaml:1:1: invalid policy: `version` is required/,
    );
  });
});

describe('POL002 and POL003', () => {
  it('POL002: a protected or allowed pattern that matches no file is a warning at the pattern (exit 0)', () => {
    const out = checkPolicy(
      'slipway.yaml',
      'version: 1\nprotected:\n  paths: [a.txt, gone/]\nagents:\n  allowed: [/docs/*.md]\n',
    );
    expect(rules(out)).toEqual(['POL002 warning slipway.yaml', 'POL002 warning slipway.yaml']);
    const [gone, docs] = json(out).findings;
    expect(gone).toMatchObject({ line: 3, column: 18, endColumn: 23 });
    expect(gone?.message).toContain('`gone/` under `protected.paths` matches no file');
    expect(docs).toMatchObject({ line: 5, column: 13 });
    expect(out.code).toBe(0);
  });

  it('POL003: an unknown rule id (with a suggestion) and an unknown severity, in YAML and TOML', () => {
    const yaml = checkPolicy('slipway.yaml', 'version: 1\nrules:\n  path001: off\n  PATH002: loud\n');
    expect(rules(yaml)).toEqual(['POL003 error slipway.yaml', 'POL003 error slipway.yaml']);
    const [id, sev] = json(yaml).findings;
    expect(id).toMatchObject({ line: 3, column: 3 });
    expect(id?.message).toContain('did you mean `PATH001`?');
    expect(sev).toMatchObject({ line: 4, column: 12 });
    expect(yaml.code).toBe(1);
    const toml = checkPolicy('slipway.toml', 'version = 1\n[rules]\nPATH001 = "bogus"\n');
    expect(json(toml).findings[0]).toMatchObject({ rule: 'POL003', line: 3, column: 11 });
  });

  it('rules: overrides apply (off silences, a severity changes the exit code)', () => {
    const r = repo({
      'a.txt': 'a\n',
      'slipway.yaml': 'version: 1\nprotected:\n  paths: [gone/]\nrules: { POL002: error }\n',
    });
    r.commit('init');
    const out = slipway(['check', '--tree', '--format', 'json'], { cwd: r.dir });
    expect(rules(out)).toEqual(['POL002 error slipway.yaml']);
    expect(out.code).toBe(1);
    r.write({ 'slipway.yaml': 'version: 1\nprotected:\n  paths: [gone/]\nrules: { POL002: off }\n' });
    expect(json(slipway(['check', '--tree', '--format', 'json'], { cwd: r.dir })).findings).toEqual([]);
  });
});
