import type { SyntaxNode } from '@lezer/common';
import { type HelperReader, type ParsedModule, parsedThrough } from './helper-module-parse.js';
import { type OpRef, resolveRef } from './op-reach.js';
import { staticString } from './python-syntax.js';
import type { HelperArg, HelperCall } from './schema-op.js';

// What a call from a revision hands a function of a helper module (helper-modules.ts), bound to
// the function's parameters for the walk: op, a method of op, or a string built from literals.

/**
 * The parameters the call binds: op, a method of op, or a string (appended to the module's text as
 * a literal, so the walk reads it as a node of the same tree; the module's own offsets unchanged).
 */
export function withArguments(
  call: HelperCall,
  module: ParsedModule,
  fn: SyntaxNode,
  path: string,
  reader: HelperReader,
) {
  const given = new Map<string, HelperArg>();
  let position = 0;
  for (const { name, keywordOnly, fallback } of params(fn, module.src)) {
    const passed = call.star
      ? null
      : ((keywordOnly ? undefined : call.positional[position]) ?? call.keywords[name]);
    if (!keywordOnly) position++;
    given.set(name, passed !== undefined ? passed : defaultArg(fallback, module));
  }
  const texts = [...given].filter(([, a]) => a && 'text' in a) as [string, { text: string }][];
  let used = module;
  let usedFn = fn;
  const bindings = new Map<string, SyntaxNode>();
  if (texts.length > 0) {
    const src = `${module.src}\n${texts.map(([, a]) => JSON.stringify(a.text)).join('\n')}\n`;
    used = parsedThrough(reader, `${path}\0${src.length}`, src, module.src.length);
    usedFn = used.appended.length === texts.length ? (nodeAt(used, fn) ?? fn) : fn;
    if (usedFn !== fn)
      for (const [i, [p]] of texts.entries()) bindings.set(p, used.appended[i] as SyntaxNode);
    else used = module;
  }
  const names = new Map<string, SyntaxNode | null>();
  const refs = new Map<string, OpRef | null>();
  for (const [p, a] of given) {
    names.set(p, bindings.get(p) ?? null);
    if (a && 'op' in a) refs.set(p, { kind: 'op' });
    else if (a && 'method' in a) refs.set(p, { kind: 'method', method: a.method });
  }
  return { module: used, fn: usedFn, params: { names, refs } };
}

/** The function at the same offset in the module parsed again with literals appended. */
function nodeAt(module: ParsedModule, fn: SyntaxNode): SyntaxNode | undefined {
  for (const f of module.scope.functions.values()) if (f.from === fn.from) return f;
  for (const r of module.scope.refs.values()) if (r?.kind === 'fn' && r.fn.from === fn.from) return r.fn;
  return undefined;
}

/** A def's (or lambda's) parameters, in order, `*args` and `**kw` left out: keyword-only ones, defaults. */
function params(
  fn: SyntaxNode,
  src: string,
): { name: string; keywordOnly: boolean; fallback?: SyntaxNode }[] {
  const out: { name: string; keywordOnly: boolean; fallback?: SyntaxNode }[] = [];
  let keywordOnly = false;
  for (let p = fn.getChild('ParamList')?.firstChild ?? null; p; p = p.nextSibling) {
    if (p.name === '*' || p.name === '**') keywordOnly = true;
    if (p.name !== 'VariableName') continue;
    if (p.prevSibling?.name === '*' || p.prevSibling?.name === '**') continue;
    const fallback =
      p.nextSibling?.name === 'AssignOp' ? (p.nextSibling.nextSibling ?? undefined) : undefined;
    out.push({ name: src.slice(p.from, p.to), keywordOnly, ...(fallback ? { fallback } : {}) });
  }
  return out;
}

/** A parameter the call leaves to its default (`def retire(o=op)`): op or a method of op, when it is one. */
function defaultArg(fallback: SyntaxNode | undefined, module: ParsedModule): HelperArg {
  if (!fallback) return null;
  const scope = {
    src: module.src,
    names: new Map(),
    refs: new Map(),
    enclosing: [],
    moduleRefs: module.scope.refs,
    functions: module.scope.functions,
  };
  const ref = resolveRef(fallback, scope);
  if (ref?.kind === 'op') return { op: true };
  if (ref?.kind === 'method') return { method: ref.method };
  const text = staticString(fallback, module.src)?.value;
  return text === undefined ? null : { text };
}
