import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/limits.js';
import { rangeText } from '../../src/requirements/declared-requirement.js';
import { markerPossible } from '../../src/requirements/marker-possible.js';
import { parsePep508, type Pep508Requirement } from '../../src/requirements/pep508-parser.js';
import { readPyproject } from '../../src/requirements/pyproject.js';

const UV = `[project]
name = "App"
requires-python = ">=3.11"
dependencies = [
    "Flask>=2.2.0",
    'tomli>=2; python_version < "3.11"',
    "app-lib",
]

[project.optional-dependencies]
s3 = ["boto3~=1.34"]

[dependency-groups]
dev = ["pytest>=8", {include-group = "lint"}]
lint = ["ruff"]

[tool.uv]
dev-dependencies = ["mypy"]
override-dependencies = ["werkzeug==2.3.0"]
environments = ["""
    sys_platform == 'linux' and
    implementation_name == 'cpython'
"""]

[tool.uv.sources]
app-lib = { workspace = true }

[tool.ruff]
line-length = 100
`;

const POETRY = `[tool.poetry]
name = "svc"

[tool.poetry.dependencies]
python = "^3.9"
requests = "^2.28"
ipywidgets = { version = ">=7.5.1,<9", optional = true }
tomli = { version = "^2", python = "<3.11" }
numpy = [
  { version = "<1.25", python = "<3.9" },
  { version = "^2.0", python = ">=3.10" },
]
mylib = { path = "../mylib", develop = true }
lib2 = { git = "https://example.com/lib2.git" }

[tool.poetry.group.test.dependencies]
pytest = "~7.1"

[tool.poetry.dev-dependencies]
black = "*"
`;

describe('pyproject.toml declarations', () => {
  it('reads uv: PEP 621, extras, groups (include-group skipped), uv dev-dependencies, with ranges into the file', () => {
    const p = readPyproject(UV, 'uv');
    expect(p.problems).toEqual([]);
    expect(p.requirements.map((r) => `${r.section} | ${r.key} | ${rangeText(r)}`)).toEqual([
      '[project] dependencies | flask | >=2.2.0',
      '[project] dependencies | tomli | >=2',
      '[project] dependencies | app-lib | any version',
      '[project.optional-dependencies] s3 | boto3 | ~=1.34',
      '[dependency-groups] dev | pytest | >=8',
      '[dependency-groups] lint | ruff | any version',
      '[tool.uv] dev-dependencies | mypy | any version',
    ]);
    const flask = p.requirements[0];
    expect(UV.slice(flask?.nameStart, flask?.nameEnd)).toBe('Flask');
    expect(UV.slice(flask?.specStart, flask?.specEnd)).toBe('>=2.2.0');
    expect(flask?.line.firstLine).toBe(4);
    expect(p.requirements[1]?.markerText).toBe('python_version < "3.11"');
    expect([...p.local].sort()).toEqual(['app', 'app-lib']);
    expect([...p.overridden]).toEqual(['werkzeug']);
    expect(p.place.environments.length).toBe(1);
    expect(p.place.python).toEqual([[[{ op: '>=', version: '3.11' }]]]);
  });

  it('reads Poetry: constraints, tables, lists of tables, path and git sources, groups, dev-dependencies', () => {
    const p = readPyproject(POETRY, 'poetry');
    expect(p.problems).toEqual([]);
    expect(p.requirements.map((r) => `${r.section} | ${r.key} | ${rangeText(r)} | ${r.kind}`)).toEqual([
      '[tool.poetry.dependencies] | requests | ^2.28 (>=2.28,<3.0.0) | pep508',
      '[tool.poetry.dependencies] | ipywidgets | >=7.5.1,<9 | pep508',
      '[tool.poetry.dependencies] | tomli | ^2 (>=2,<3.0.0) | pep508',
      '[tool.poetry.dependencies] | numpy | <1.25 | pep508',
      '[tool.poetry.dependencies] | numpy | ^2.0 (>=2.0,<3.0.0) | pep508',
      '[tool.poetry.dependencies] | mylib | any version | path',
      '[tool.poetry.dependencies] | lib2 | any version | url',
      '[tool.poetry.dev-dependencies] | black | * (any version) | pep508',
      '[tool.poetry.group.test.dependencies] | pytest | ~7.1 (>=7.1,<7.2.0) | pep508',
    ]);
    expect(p.requirements.find((r) => r.key === 'mylib')?.ranges).toEqual([]);
    expect(p.place.python).toEqual([
      [
        [
          { op: '>=', version: '3.9' },
          { op: '<', version: '4.0.0' },
        ],
      ],
    ]);
    const requests = p.requirements[0];
    expect(POETRY.slice(requests?.nameStart, requests?.nameEnd)).toBe('requests');
    expect(POETRY.slice(requests?.specStart, requests?.specEnd)).toBe('"^2.28"');
  });

  it('a requirements-style lock gets [project] dependencies only', () => {
    expect(readPyproject(UV, 'pep621').requirements.map((r) => r.key)).toEqual(['flask', 'tomli', 'app-lib']);
  });

  it('declarations ignore comments, layout and other tool sections', () => {
    const a = readPyproject(UV, 'uv').declarations;
    expect(readPyproject(UV.replace('line-length = 100', 'line-length = 88'), 'uv').declarations).toBe(a);
    expect(readPyproject(UV.replace('"Flask>=2.2.0",', '"Flask>=2.2.0", # web'), 'uv').declarations).toBe(a);
    expect(readPyproject(UV.replace('Flask>=2.2.0', 'Flask>=2.3.0'), 'uv').declarations).not.toBe(a);
  });

  it("a reordered requirements list is the same declarations for uv and PEP 621, not for Poetry's content-hash", () => {
    const reordered = UV.replace('"Flask>=2.2.0",\n    \'tomli', "'tomli").replace(
      '"app-lib",',
      '"app-lib",\n    "Flask>=2.2.0",',
    );
    expect(reordered).not.toBe(UV);
    for (const tool of ['uv', 'pep621'] as const)
      expect(readPyproject(reordered, tool).declarations, tool).toBe(readPyproject(UV, tool).declarations);
    expect(readPyproject(reordered, 'poetry').declarations).not.toBe(
      readPyproject(UV, 'poetry').declarations,
    );
    // A list whose entries change is still a change, in any order.
    const dropped = reordered.replace('"app-lib",\n', '');
    expect(readPyproject(dropped, 'uv').declarations).not.toBe(readPyproject(UV, 'uv').declarations);
  });

  it('bad input: one problem each, where it is, and the rest still read', () => {
    const bad = readPyproject(
      '[project]\ndependencies = ["requests>=", 3, "flask"]\n[tool.poetry.dependencies]\nx = "^abc"\n',
      'poetry',
    );
    expect(bad.problems.map((p) => p.message)).toEqual([
      '[project] dependencies: not a valid requirement: Expected semicolon (after name with no version specifier) or end',
      '[project] dependencies: each entry must be a requirement string (or, in a dependency group, `{include-group = "..."}`)',
      '[tool.poetry.dependencies] `x`: Poetry cannot read the constraint `^abc`',
    ]);
    expect(bad.requirements.map((r) => r.key)).toEqual(['flask']);
    expect(readPyproject('[project\n', 'uv').problems[0]?.message).toMatch(
      /^pyproject.toml is not valid TOML/,
    );
    const deep = `x = ${'['.repeat(LIMITS.pyproject.depth + 1)}${']'.repeat(LIMITS.pyproject.depth + 1)}\n`;
    expect(readPyproject(deep, 'uv').problems[0]?.message).toMatch(/levels deep/);
    const big = `# ${'x'.repeat(LIMITS.pyproject.chars)}\n`;
    expect(readPyproject(big, 'uv').problems[0]?.message).toMatch(/more than the 2.0 MB/);
  });
});

describe('whether a marker can hold where the lock was resolved', () => {
  const marker = (m: string) => (parsePep508(`x ; ${m}`) as Pep508Requirement).marker;
  const py = (spec: string) => [[(parsePep508(`python ${spec}`) as Pep508Requirement).specifiers]];
  const linux = marker("sys_platform == 'linux'");
  const cases: [string, string, boolean | undefined][] = [
    ['python_version < "3.11"', '>=3.11', false],
    ['python_version < "3.11"', '>=3.10', true],
    ['python_full_version >= "3.12"', '>=3.10', true],
    ['python_full_version < "3.11.4"', '>=3.11.4', false],
    ['python_version == "3.8"', '==3.11.*', false],
    ['implementation_name != "pypy"', '>=3.9', true],
    ['extra == "s3"', '>=3.9', undefined],
  ];
  for (const [m, requires, want] of cases)
    it(`${m} under requires-python ${requires}: ${want}`, () => {
      expect(markerPossible(marker(m), { python: py(requires), environments: [] })).toBe(want);
    });

  it("uv's environments narrow the lock: a Windows-only dependency of a Linux-only lock is not in it", () => {
    const place = { python: py('>=3.11'), environments: [linux ?? []] };
    expect(markerPossible(marker("sys_platform == 'win32'"), place)).toBe(false);
    expect(markerPossible(marker("sys_platform == 'linux'"), place)).toBe(true);
    expect(markerPossible(undefined, place)).toBe(true);
  });
});
