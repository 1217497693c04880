/**
 * The string values a JS/TS migration takes from the repository's own modules: `import {
 * UserStatus } from '../entities/user.entity'` and `${UserStatus.UNVERIFIED}` in its SQL. Only
 * relative imports of files in the repository are followed, one step (a module that re-exports
 * from another is not followed: its names stay unknown, and the SQL using them unread, as
 * before), and only names the migration reads and never writes.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { LastByText } from '../last-by-text.js';
import { LIMITS } from '../limits.js';
import { moduleStrings } from './js-exported-strings.js';
import { parseJs } from './js-parser.js';

/** One named import from a relative path: `import { imported as local } from 'spec'`. */
interface RelativeImport {
  local: string;
  imported: string;
  spec: string;
}

/** How many modules one migration's imports may read. */
const MAX_MODULES = 16;

/** What a migration's imports give it: values by the name the migration reads, and the files read. */
export interface ImportedStrings {
  values: ReadonlyMap<string, string>;
  files: readonly string[];
}

const NONE: ImportedStrings = { values: new Map(), files: [] };

/** The repository's modules' string values, as migrations import them; each file read once per text. */
export class ImportedStringsReader {
  readonly #migrations = new LastByText<{
    imports: RelativeImport[];
    changeable: Set<string>;
    own: Map<string, string>;
  }>();
  readonly #exports = new LastByText<Map<string, string>>();
  /** The modules read since the last keep(). */
  #imported = new Set<string>();

  /** The values `path`'s imports give it, `read` giving the repository's files (undefined: absent). */
  of(path: string, src: string, read: (path: string) => string | undefined): ImportedStrings {
    // A migration with no substitution in a template has nothing to take (most of them).
    if (!src.includes('${')) return NONE;
    const values = new Map<string, string>();
    const files: string[] = [];
    const { imports, changeable, own } = this.#migrations.get(path, src, () => {
      const tree = parseJs(path, src);
      return {
        imports: relativeImports(tree, src),
        changeable: changeableNames(tree, src),
        own: moduleStrings(tree, src, false),
      };
    });
    // A string constant cannot be changed through its name (an import's binding is read-only);
    // an enum's or object's members can, through the object.
    const readOnly = (name: string) => !name.includes('.') || !changeable.has(name.split('.')[0] as string);
    // The file's own enums and constant objects (its own `const NAME = '…'` are read in place).
    for (const [name, value] of own) if (name.includes('.') && readOnly(name)) values.set(name, value);
    const byModule = new Map<string, Map<string, string> | undefined>();
    for (const imp of imports) {
      let exported = byModule.get(imp.spec);
      if (!byModule.has(imp.spec)) {
        if (byModule.size >= MAX_MODULES) break;
        const found = resolve(path, imp.spec, read);
        exported =
          found && found.text.length <= LIMITS.jsMigration.chars
            ? this.#exports.get(found.path, found.text, (t) => moduleStrings(parseJs(found.path, t), t, true))
            : undefined;
        if (found) {
          files.push(found.path);
          this.#imported.add(found.path);
        }
        byModule.set(imp.spec, exported);
      }
      for (const [name, value] of exported ?? []) {
        const [head, ...rest] = name.split('.');
        if (head !== imp.imported) continue;
        const local = [imp.local, ...rest].join('.');
        if (readOnly(local)) values.set(local, value);
      }
    }
    return { values, files };
  }

  /** Forget the migrations that are gone (and the modules only they imported, at their next read). */
  keep(seen: ReadonlySet<string>): void {
    this.#migrations.keepOnly(seen);
    this.#exports.keepOnly(this.#imported);
    this.#imported = new Set();
  }
}

/** The named imports of relative paths, as the migration's top level writes them. */
/**
 * Whether `src` may import from a relative module at all, without parsing it: relativeImports
 * takes a declaration's module name as written (`'./x'`, `"../x"`), so a file without such a
 * literal and without `import` has none, and its imports give it nothing. What `of` answers for
 * such a file depends on its text alone (the result cache keys its module by the text then).
 */
export function mayImportRelative(src: string): boolean {
  return (
    src.includes('import') &&
    (src.includes("'./") || src.includes('"./') || src.includes("'../") || src.includes('"../'))
  );
}

function relativeImports(tree: Tree, src: string): RelativeImport[] {
  const out: RelativeImport[] = [];
  for (let s = tree.topNode.firstChild; s; s = s.nextSibling) {
    if (s.name !== 'ImportDeclaration') continue;
    const from = s.getChild('String');
    const spec = from ? src.slice(from.from + 1, from.to - 1) : '';
    if (!spec.startsWith('./') && !spec.startsWith('../')) continue;
    const group = s.getChild('ImportGroup');
    for (let c = group?.firstChild; c; c = c.nextSibling) named(c, src, spec, out);
  }
  return out;
}

function named(c: SyntaxNode, src: string, spec: string, out: RelativeImport[]): void {
  const text = (n: SyntaxNode) => src.slice(n.from, n.to);
  if (c.name === 'VariableDefinition' && c.prevSibling?.name !== 'as')
    out.push({ local: text(c), imported: text(c), spec });
  else if (c.name === 'VariableName' && c.nextSibling?.name === 'as' && c.nextSibling.nextSibling)
    out.push({ local: text(c.nextSibling.nextSibling), imported: text(c), spec });
}

/**
 * The names whose value the migration may change: any use of a binding but reading one of its
 * members (`Status.ACTIVE`) — assigned (`Status.ACTIVE = …`, `Status.ACTIVE++`), indexed
 * (`Status[k]`), handed on (`f(Status)`) — leaves it unknown: its module's value is then not
 * necessarily what the SQL sends. Type positions (`: Status`) are not uses.
 */
function changeableNames(tree: Tree, src: string): Set<string> {
  const out = new Set<string>();
  const cursor = tree.cursor();
  for (let more = true; more; more = cursor.next()) {
    if (cursor.name !== 'VariableName') continue;
    const n = cursor.node;
    const name = src.slice(n.from, n.to);
    const member = n.parent;
    const read =
      member?.name === 'MemberExpression' &&
      member.firstChild?.from === n.from &&
      n.nextSibling?.name === '.' &&
      n.nextSibling.nextSibling?.name === 'PropertyName' &&
      member.parent?.name !== 'PostfixExpression' &&
      member.parent?.name !== 'UnaryExpression' &&
      !(member.parent?.name === 'AssignmentExpression' && member.parent.firstChild?.from === member.from);
    if (!read) out.add(name);
  }
  return out;
}

/** The repository file a relative specifier names, as Node and TypeScript's resolution find it. */
function resolve(
  from: string,
  spec: string,
  read: (path: string) => string | undefined,
): { path: string; text: string } | undefined {
  const parts = from.split('/').slice(0, -1);
  for (const part of spec.split('/')) {
    if (part === '.' || part === '') continue;
    if (part === '..') {
      // Outside the repository: not read.
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  const base = parts.join('/');
  // `./x.js` in TypeScript compiled to ESM names `./x.ts`.
  const stem = base.replace(/\.[mc]?js$/, '');
  const candidates = [
    base,
    `${base}.ts`,
    `${base}.js`,
    `${stem}.ts`,
    `${stem}.mts`,
    `${base}/index.ts`,
    `${base}/index.js`,
  ];
  for (const path of candidates) {
    if (!/\.[mc]?[jt]s$/.test(path)) continue;
    const text = read(path);
    if (text !== undefined) return { path, text };
  }
  return undefined;
}
