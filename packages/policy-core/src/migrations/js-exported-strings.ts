/**
 * The string values a JavaScript or TypeScript module gives by name, as the compiled code reads
 * them: `export enum Status { ACTIVE = 'active' }` gives `Status.ACTIVE`, `export const NAME =
 * 'x'` gives `NAME`, `export const Names = { A: 'a' } as const` gives `Names.A`. A TypeORM
 * migration that writes `default '${UserStatus.UNVERIFIED}'` into its SQL sends the enum's value:
 * with it, the statement is read as PostgreSQL receives it instead of not at all.
 */
import type { SyntaxNode, Tree } from '@lezer/common';

/** How many names one module may give (a generated file of thousands is not read past it). */
const MAX_NAMES = 2_000;

/** The module's string values by name (`Enum.MEMBER`, `NAME`, `Object.KEY`); `exportedOnly`: only what it exports. */
export function moduleStrings(tree: Tree, src: string, exportedOnly: boolean): Map<string, string> {
  const out = new Map<string, string>();
  const declaredTwice = new Set<string>();
  const give = (name: string, value: string) => {
    if (out.size >= MAX_NAMES) return;
    // A name given twice (enum merging, a redeclaration) has no one value: neither is taken.
    if (out.has(name)) declaredTwice.add(name);
    out.set(name, value);
  };
  for (let s = tree.topNode.firstChild; s; s = s.nextSibling) {
    const exported = s.name === 'ExportDeclaration';
    if (exportedOnly && !exported) continue;
    const inner = exported ? s.firstChild?.nextSibling : s;
    if (inner?.name === 'EnumDeclaration') enumStrings(inner, src, give);
    else if (inner?.name === 'VariableDeclaration' && inner.firstChild?.name === 'const')
      constStrings(inner, src, give);
  }
  for (const name of declaredTwice) out.delete(name);
  return out;
}

const textOf = (n: SyntaxNode, src: string) => src.slice(n.from, n.to);

/**
 * A string literal's value, or undefined for anything else (a template, an escape beyond the
 * simple ones: read as written only when it holds no backslash).
 */
function literal(n: SyntaxNode | null | undefined, src: string): string | undefined {
  if (n?.name !== 'String') return undefined;
  const body = src.slice(n.from + 1, n.to - 1);
  return body.includes('\\') ? undefined : body;
}

/** An enum's members: string initialisers, and numbers (given or counted on from the one before). */
function enumStrings(decl: SyntaxNode, src: string, give: (name: string, value: string) => void): void {
  const name = decl.getChild('TypeDefinition');
  const body = decl.getChild('EnumBody');
  if (!name || !body) return;
  let next: number | undefined = 0;
  for (let c = body.firstChild; c; c = c.nextSibling) {
    if (c.name !== 'PropertyName') continue;
    const member = `${textOf(name, src)}.${textOf(c, src)}`;
    const init = c.nextSibling?.name === 'Equals' ? c.nextSibling.nextSibling : null;
    if (!init) {
      // TypeScript counts on from the member before; after a string member there is no count.
      if (next !== undefined) give(member, String(next));
      next = next === undefined ? undefined : next + 1;
      continue;
    }
    const text = literal(init, src);
    const number =
      init.name === 'Number' && /^\d+$/.test(textOf(init, src)) ? Number(textOf(init, src)) : undefined;
    if (text !== undefined) give(member, text);
    else if (number !== undefined) give(member, String(number));
    next = number === undefined ? undefined : number + 1;
  }
}

/** `const NAME = 'x'` and `const Obj = { KEY: 'x' }` (with or without `as const`). */
function constStrings(decl: SyntaxNode, src: string, give: (name: string, value: string) => void): void {
  for (let d = decl.firstChild; d; d = d.nextSibling) {
    if (d.name !== 'VariableDefinition') continue;
    const equals = d.nextSibling?.name === 'TypeAnnotation' ? d.nextSibling.nextSibling : d.nextSibling;
    let value = equals?.name === 'Equals' ? equals.nextSibling : null;
    const name = textOf(d, src);
    // `{ … } as const`: the object, its type narrowed.
    if (value?.name === 'BinaryExpression' && value.getChild('as') && value.lastChild?.name === 'const')
      value = value.firstChild;
    const text = literal(value, src);
    if (text !== undefined) give(name, text);
    else if (value?.name === 'ObjectExpression')
      for (let p = value.firstChild; p; p = p.nextSibling) {
        const key = p.name === 'Property' ? p.firstChild : null;
        if (key?.name !== 'PropertyDefinition' || key.nextSibling?.name !== ':') continue;
        const v = literal(key.nextSibling.nextSibling, src);
        if (v !== undefined) give(`${name}.${textOf(key, src)}`, v);
      }
  }
}
