import { LineIndex } from '../text-position.js';
import { TomlRanges } from '../toml-ranges.js';
import { type DeclaredParts, declaredRequirement } from './declared-requirement.js';
import type { MarkerList } from './marker.js';
import { parsePep508, Pep508Error, type Specifier } from './pep508-parser.js';
import { normalizeName } from './pep503.js';
import { poetryConstraint } from './poetry-constraint.js';
import type { SpecifierLike } from './specifier-set.js';
import type { Pyproject, PyprojectTool } from './pyproject-model.js';

type Table = Record<string, unknown>;
type Path = (string | number)[];

const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads the declarations of a parsed pyproject.toml into `out`, each with where it stands
 * (pyproject.ts).
 *
 * Over 300 lines: one walk of one file's tables, PEP 621's, uv's and Poetry's, whose methods share
 * the positions (`ranges`), the problems and the output; split by tool, each part would need all
 * three handed to it.
 */
export class Reader {
  private readonly ranges: TomlRanges;
  private lines: LineIndex | undefined;

  constructor(
    private readonly text: string,
    private readonly data: Table,
    private readonly tool: PyprojectTool,
    private readonly out: Pyproject,
  ) {
    this.ranges = new TomlRanges(text);
  }

  read(): void {
    const project = isTable(this.data.project) ? this.data.project : {};
    const toolTable = isTable(this.data.tool) ? this.data.tool : {};
    const uv = isTable(toolTable.uv) ? toolTable.uv : {};
    const poetry = isTable(toolTable.poetry) ? toolTable.poetry : {};
    const declared: Table = { project: pick(project, ['dependencies', 'requires-python']) };
    this.out.supplyChain = stableJson({ build: this.data['build-system'], uv, poetry: poetry.source });

    this.pep508List(project.dependencies, ['project', 'dependencies'], '[project] dependencies');
    if (this.tool === 'pep621') {
      this.out.declarations = stableJson(declared, false);
      return;
    }
    declared.extras = project['optional-dependencies'];
    declared.groups = this.data['dependency-groups'];
    this.pep508Tables(
      project['optional-dependencies'],
      ['project', 'optional-dependencies'],
      '[project.optional-dependencies]',
    );
    this.pep508Tables(this.data['dependency-groups'], ['dependency-groups'], '[dependency-groups]');
    const requiresPython = this.pep440Range(project['requires-python'], ['project', 'requires-python']);
    if (requiresPython) this.out.place.python.push(requiresPython);
    const name = typeof project.name === 'string' ? project.name : poetry.name;
    if (typeof name === 'string') this.out.local.add(normalizeName(name));

    if (this.tool === 'uv') {
      declared.uv = pick(uv, [
        'dev-dependencies',
        'sources',
        'override-dependencies',
        'constraint-dependencies',
        'environments',
        'index',
      ]);
      this.pep508List(
        uv['dev-dependencies'],
        ['tool', 'uv', 'dev-dependencies'],
        '[tool.uv] dev-dependencies',
      );
      this.uvShape(uv);
    } else {
      declared.poetry = pick(poetry, ['dependencies', 'dev-dependencies', 'group', 'extras', 'source']);
      const deps = isTable(poetry.dependencies) ? poetry.dependencies : {};
      const python = deps.python;
      if (typeof python === 'string') {
        const range = poetryConstraint(python);
        if (range) this.out.place.python.push(range);
      }
      this.poetryTable(poetry.dependencies, ['tool', 'poetry', 'dependencies'], '[tool.poetry.dependencies]');
      this.poetryTable(
        poetry['dev-dependencies'],
        ['tool', 'poetry', 'dev-dependencies'],
        '[tool.poetry.dev-dependencies]',
      );
      if (isTable(poetry.group))
        for (const [g, group] of Object.entries(poetry.group))
          if (isTable(group))
            this.poetryTable(
              group.dependencies,
              ['tool', 'poetry', 'group', g, 'dependencies'],
              `[tool.poetry.group.${g}.dependencies]`,
            );
    }
    this.out.declarations = stableJson(declared, this.tool === 'poetry');
  }

  /** uv's settings that decide what the lock holds: environments, overrides, local sources. */
  private uvShape(uv: Table): void {
    const envs = typeof uv.environments === 'string' ? [uv.environments] : uv.environments;
    if (Array.isArray(envs))
      envs.forEach((e, i) => {
        if (typeof e !== 'string') return;
        // uv reads a marker across lines (a TOML multi-line string); PEP 508 wants one.
        const parsed = parsePep508(`x ; ${e.replace(/\s+/g, ' ')}`);
        const path =
          typeof uv.environments === 'string'
            ? ['tool', 'uv', 'environments']
            : ['tool', 'uv', 'environments', i];
        if (parsed instanceof Pep508Error || !parsed.marker)
          this.problemAt(
            path,
            `\`environments\` holds a marker uv cannot read: ${parsed instanceof Pep508Error ? parsed.message : 'empty'}`,
          );
        else this.out.place.environments.push(parsed.marker);
      });
    if (Array.isArray(uv['override-dependencies']))
      for (const o of uv['override-dependencies']) {
        const parsed = typeof o === 'string' ? parsePep508(o) : undefined;
        if (parsed && !(parsed instanceof Pep508Error)) this.out.overridden.add(normalizeName(parsed.name));
      }
    if (isTable(uv.sources))
      for (const [name, source] of Object.entries(uv.sources)) {
        const all = Array.isArray(source) ? source : [source];
        if (all.some((s) => isTable(s) && ('workspace' in s || 'path' in s)))
          this.out.local.add(normalizeName(name));
      }
  }

  private pep508Tables(value: unknown, path: Path, section: string): void {
    if (value === undefined) return;
    if (!isTable(value)) {
      this.problemAt(path, `${section} must be a table of lists of requirements`);
      return;
    }
    for (const [name, list] of Object.entries(value))
      this.pep508List(list, [...path, name], `${section} ${name}`);
  }

  private pep508List(value: unknown, path: Path, section: string): void {
    if (value === undefined) return;
    if (!Array.isArray(value)) {
      this.problemAt(path, `${section} must be a list of requirement strings`);
      return;
    }
    value.forEach((item, i) => {
      const at = [...path, i];
      if (typeof item === 'string') this.pep508(item, at, section);
      else if (!(isTable(item) && typeof item['include-group'] === 'string'))
        this.problemAt(
          at,
          `${section}: each entry must be a requirement string (or, in a dependency group, \`{include-group = "..."}\`)`,
        );
    });
  }

  private pep508(value: string, path: Path, section: string): void {
    const span = this.valueSpan(path);
    // Offsets inside the string hold when it is written as read (no escapes, one line).
    const base = this.text.slice(span.start + 1, span.end - 1) === value ? span.start + 1 : undefined;
    const r = parsePep508(value);
    if (r instanceof Pep508Error) {
      this.out.problems.push({
        message: `${section}: not a valid requirement: ${r.message}`,
        start: base === undefined ? span.start : base + r.start,
        end: base === undefined ? span.end : base + Math.max(r.start, r.end),
      });
      return;
    }
    const at = (i: number) => (i < 0 ? -1 : base === undefined ? span.start : base + i);
    const end = (i: number) => (i < 0 ? -1 : base === undefined ? span.end : base + i);
    const lead = value.length - value.trimStart().length;
    const specifiers: Specifier[] = r.specifiers.map((s) => ({
      op: s.op,
      version: s.version,
      start: at(s.start),
      versionStart: at(s.versionStart),
      end: end(s.end),
    }));
    this.add({
      section,
      name: r.name,
      source: value.trim(),
      nameStart: at(lead),
      nameEnd: end(r.nameEnd),
      start: at(lead),
      end: end(r.end),
      extras: r.extras,
      extrasStart: at(r.extrasStart),
      extrasEnd: end(r.extrasEnd),
      specifiers,
      specStart: at(r.specStart),
      specEnd: end(r.specEnd),
      ranges: r.url ? [] : [r.specifiers.map((s) => ({ op: s.op, version: s.version }))],
      ...(r.marker ? { marker: r.marker } : {}),
      markerStart: at(r.markerStart),
      markerEnd: end(r.markerEnd),
      ...(r.url ? { url: r.url } : {}),
      kind: 'pep508',
    });
  }

  /** `[tool.poetry.dependencies]` and its kin: `name = "constraint"`, a table, or a list of tables. */
  private poetryTable(value: unknown, path: Path, section: string): void {
    if (value === undefined) return;
    if (!isTable(value)) {
      this.problemAt(path, `${section} must be a table of dependencies`);
      return;
    }
    for (const [name, spec] of Object.entries(value)) {
      if (section === '[tool.poetry.dependencies]' && name.toLowerCase() === 'python') continue;
      if (Array.isArray(spec))
        spec.forEach((one, i) => {
          this.poetryEntry(name, one, [...path, name, i], section);
        });
      else this.poetryEntry(name, spec, [...path, name], section);
    }
  }

  private poetryEntry(name: string, spec: unknown, path: Path, section: string): void {
    const keyPath = typeof path.at(-1) === 'number' ? path.slice(0, -1) : path;
    const key = this.ranges.get(keyPath)?.key ?? this.valueSpan(keyPath);
    const table = isTable(spec) ? spec : undefined;
    if (typeof spec !== 'string' && !table) {
      this.problemAt(path, `${section} \`${name}\` must be a version constraint or a table`);
      return;
    }
    const constraint = typeof spec === 'string' ? spec : table?.version;
    const constraintPath = typeof spec === 'string' ? path : [...path, 'version'];
    const source = table
      ? (['git', 'url', 'path', 'file'] as const).find((k) => typeof table[k] === 'string')
      : undefined;
    let ranges: SpecifierLike[][] = [];
    let specifiers: Specifier[] = [];
    let specSpan = { start: key.end, end: key.end };
    if (typeof constraint === 'string' && source === undefined) {
      specSpan = this.valueSpan(constraintPath);
      const read = poetryConstraint(constraint);
      if (!read) {
        this.problemAt(
          constraintPath,
          `${section} \`${name}\`: Poetry cannot read the constraint \`${constraint}\``,
        );
        return;
      }
      ranges = read;
      if (read.length === 1)
        specifiers = (read[0] as SpecifierLike[]).map((s) => ({
          op: s.op,
          version: s.version,
          start: specSpan.start,
          versionStart: specSpan.start,
          end: specSpan.end,
        }));
    } else if (constraint !== undefined && typeof constraint !== 'string') {
      this.problemAt(constraintPath, `${section} \`${name}\`: \`version\` must be a string`);
      return;
    }
    let marker: MarkerList | undefined;
    let markerSpan = { start: -1, end: -1 };
    if (typeof table?.markers === 'string') {
      const parsed = parsePep508(`x ; ${table.markers.replace(/\s+/g, ' ')}`);
      if (parsed instanceof Pep508Error || !parsed.marker) {
        this.problemAt([...path, 'markers'], `${section} \`${name}\`: a marker Poetry cannot read`);
        return;
      }
      marker = parsed.marker;
      markerSpan = this.valueSpan([...path, 'markers']);
    }
    let python: SpecifierLike[][] | undefined;
    if (typeof table?.python === 'string') {
      python = poetryConstraint(table.python);
      if (!python) {
        this.problemAt(
          [...path, 'python'],
          `${section} \`${name}\`: Poetry cannot read the constraint \`${table.python}\``,
        );
        return;
      }
    }
    const extras = Array.isArray(table?.extras)
      ? table.extras.filter((x): x is string => typeof x === 'string')
      : [];
    const whole = this.valueSpan(path);
    this.add({
      section,
      name,
      source:
        `${name}${extras.length ? `[${extras.join(',')}]` : ''} ${typeof constraint === 'string' ? constraint : ''}`.trim(),
      nameStart: key.start,
      nameEnd: key.end,
      start: key.start,
      end: Math.max(whole.end, key.end),
      extras,
      extrasStart: -1,
      extrasEnd: -1,
      specifiers,
      specStart: specSpan.start,
      specEnd: specSpan.end,
      ranges,
      ...(marker ? { marker } : {}),
      markerStart: markerSpan.start,
      markerEnd: markerSpan.end,
      ...(source && table ? { url: String(table[source]) } : {}),
      kind: source === 'path' || source === 'file' ? 'path' : source ? 'url' : 'pep508',
      ...(typeof constraint === 'string' && source === undefined ? { constraint } : {}),
      ...(python ? { python } : {}),
    });
  }

  /** `requires-python`, a PEP 440 specifier set. */
  private pep440Range(value: unknown, path: Path): SpecifierLike[][] | undefined {
    if (typeof value !== 'string') return undefined;
    const parsed = parsePep508(`python ${value}`);
    if (parsed instanceof Pep508Error || parsed.url || parsed.marker) {
      this.problemAt(path, `\`requires-python = "${value}"\` is not a PEP 440 specifier set`);
      return undefined;
    }
    return [parsed.specifiers.map((s) => ({ op: s.op, version: s.version }))];
  }

  private add(parts: Omit<DeclaredParts, 'firstLine' | 'lastLine'>): void {
    this.lines ??= new LineIndex(this.text);
    this.out.requirements.push(
      declaredRequirement({
        ...parts,
        firstLine: this.lines.position(parts.start).line,
        lastLine: this.lines.position(parts.end).line,
      }),
    );
  }

  private valueSpan(path: Path): { start: number; end: number } {
    return this.ranges.nearest(path)?.span.value ?? { start: 0, end: 0 };
  }

  private problemAt(path: Path, message: string): void {
    const span = this.valueSpan(path);
    this.out.problems.push({ message, start: span.start, end: span.end });
  }
}

function pick(table: Table, keys: string[]): Table {
  const out: Table = {};
  for (const k of keys) if (table[k] !== undefined) out[k] = table[k];
  return out;
}

/**
 * JSON with every table's keys sorted: the same data gives the same text. Unless `listOrder`
 * counts, a list of strings (requirements, markers) is sorted too: uv compares a project's
 * requirements with the lock's as sets, and pip-compile's output does not follow their order, so
 * reordering `dependencies` asks for no new lock. Poetry's does: its lock's `content-hash` is
 * taken over the lists as written, and `poetry check --lock` fails after a reorder.
 */
function stableJson(value: unknown, listOrder = true): string {
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return JSON.stringify(value, (_key, v: unknown) => {
    if (isTable(v) && !(v instanceof Date))
      return Object.fromEntries(Object.entries(v).sort(([a], [b]) => byText(a, b)));
    if (!listOrder && Array.isArray(v) && v.every((e) => typeof e === 'string')) return [...v].sort(byText);
    return v;
  });
}
