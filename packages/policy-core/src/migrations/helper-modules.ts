import type { SyntaxNode } from '@lezer/common';
import type { Range } from '../finding.js';
import { positionKey } from '../text-position.js';
import { LIMITS, megabytes } from '../limits.js';
import type { FunctionFacts, MigrationModule } from './alembic-module.js';
import { withArguments } from './helper-arguments.js';
import { type HelperReader, type ParsedModule, parsedThrough } from './helper-module-parse.js';
import { moduleFiles } from './helper-module-path.js';
import { functionOps } from './op-calls.js';
import type { Unfollowed } from './op-reach.js';
import type { HelperCall, SchemaOp } from './schema-op.js';

export { helperCache, helperReader, type HelperReader } from './helper-module-parse.js';

// Functions of the repository's own modules that a revision calls (`retire_table(op, "users")`
// after `from myapp.db_helpers import retire_table`), read as part of the revision: the walk left
// a placeholder step at the call (helper-call.ts); here the module is found (helper-module-path.ts),
// read from the same RepoView as the revision (the change's version in `check --head`, the editor's
// buffer in the language server), parsed with the same reader, and the function walked by the same
// walk (op-calls.ts) with what the call hands it (op, a method of op, strings built from literals).
// Its steps take the placeholder's place, located at the revision's call, the helper's own line a
// related location. Bounded: LIMITS.helperModule.depth modules deep and .chars each; a function
// already being followed is not followed again (a cycle). What cannot be followed stays MIG042 at
// the call, with the reason. A change to such a module is a change to the revisions that call it
// (analyze.ts registers it as loaded, as a file a revision runs).

/** What following one call came to: steps, constructs not followed, files read (path, text). */
interface Followed {
  ops: SchemaOp[];
  unfollowed: Unfollowed[];
  /** Why the call is not followed; undefined when it is. `none`: no file of the repository is the module. */
  notFollowed?: { what: string } | { none: true };
  read: Map<string, string | undefined>;
}

/** Follows one call of `call.name` of `call.module`, written in `from`, at the revision's `at`. */
function follow(call: HelperCall, from: string, at: Range, reader: HelperReader, chain: string[]): Followed {
  const out: Followed = { ops: [], unfollowed: [], read: new Map() };
  const where = moduleFiles(call, from, reader);
  const shown = `\`${call.name}\` of ${'.'.repeat(call.level)}${call.module}`;
  if ('none' in where) return { ...out, notFollowed: { none: true } };
  if ('outside' in where)
    return { ...out, notFollowed: { what: `${shown} is called, and ${where.outside}` } };
  const { calls, parsed } = LIMITS.helperModule;
  if (++reader.spent.calls > calls || reader.spent.parsed > parsed)
    return {
      ...out,
      notFollowed: {
        what: `${shown} is called past what Slipway follows of one revision (${calls} calls into helper modules, ${megabytes(parsed)} of them parsed)`,
      },
    };
  if (chain.length >= LIMITS.helperModule.depth)
    return {
      ...out,
      notFollowed: {
        what: `${shown} is called more than ${LIMITS.helperModule.depth} modules deep (${chain.join(' → ')}): Slipway reads no deeper`,
      },
    };
  for (const path of where.paths) {
    const text = reader.repo.readFile(path);
    out.read.set(path, text);
    const one = followIn(call, path, text, at, reader, chain, out.read);
    if (one.notFollowed) return { ...out, notFollowed: one.notFollowed };
    out.ops.push(...one.ops);
    out.unfollowed.push(...one.unfollowed);
  }
  return out;
}

/** The call followed into one module file. */
function followIn(
  call: HelperCall,
  path: string,
  text: string | undefined,
  at: Range,
  reader: HelperReader,
  chain: string[],
  read: Map<string, string | undefined>,
): Omit<Followed, 'read'> {
  const none = { ops: [], unfollowed: [] };
  const shown = `\`${call.name}\` of ${path}`;
  if (text === undefined) {
    const why = reader.repo.whyUnread?.(path);
    return {
      ...none,
      notFollowed: {
        what: `${shown} is called, and Slipway did not read ${path}: ${why ?? 'it is not in the repository'}`,
      },
    };
  }
  if (text.length > LIMITS.helperModule.chars)
    return {
      ...none,
      notFollowed: {
        what: `${shown} is called, and ${path} is ${megabytes(text.length)}, more than the ${megabytes(LIMITS.helperModule.chars)} Slipway reads of a module a revision calls into`,
      },
    };
  const module = parsedThrough(reader, path, text);
  if (module.recovered)
    return { ...none, notFollowed: { what: `${shown} is called, and ${path} does not parse as Python` } };
  const key = `${path}#${call.name}`;
  // A function already being followed (a cycle): its steps are judged where it was first reached.
  if (chain.includes(key)) return none;
  const fn = module.scope.functions.get(call.name);
  const ref = module.scope.refs.get(call.name);
  if (!fn) {
    // `from .impl import retire` in the helper module: the function lives one module further.
    if (ref?.kind === 'imported') {
      const next = follow(
        { ...call, module: ref.module, level: ref.level, name: ref.name },
        path,
        at,
        reader,
        [...chain, key],
      );
      for (const [p, t] of next.read) read.set(p, t);
      return next;
    }
    const bound = ref?.kind === 'fn' ? ref.fn : undefined;
    if (!bound)
      return {
        ...none,
        notFollowed: {
          what: `${shown} is called, and ${path} defines no function of that name Slipway can read`,
        },
      };
    return walk(call, path, module, bound, at, reader, [...chain, key], read);
  }
  return walk(call, path, module, fn, at, reader, [...chain, key], read);
}

/** The function walked with the call's arguments bound, its nested calls followed in turn. */
function walk(
  call: HelperCall,
  path: string,
  module: ParsedModule,
  fn: SyntaxNode,
  at: Range,
  reader: HelperReader,
  chain: string[],
  read: Map<string, string | undefined>,
): Omit<Followed, 'read'> {
  const bound = withArguments(call, module, fn, path, reader);
  const { ops, unfollowed } = functionOps(
    bound.fn,
    bound.module.src,
    bound.module.lines,
    bound.module.scope.functions,
    bound.module.scope.names,
    bound.module.scope.refs,
    bound.module.opNames,
    bound.params,
  );
  const out: Omit<Followed, 'read'> = { ops: [], unfollowed: [] };
  const said = new Map(unfollowed.map((u) => [positionKey(u.range.start), u]));
  for (const op of ops) {
    if (!op.helper) {
      out.ops.push(placed(op, path, call.name, at));
      continue;
    }
    const spot = positionKey(op.range.start);
    const nested = follow(op.helper, path, at, reader, chain);
    for (const [p, t] of nested.read) read.set(p, t);
    out.ops.push(...nested.ops);
    out.unfollowed.push(...nested.unfollowed);
    const u = said.get(spot);
    if (!u) continue;
    said.delete(spot);
    if (nested.notFollowed && 'what' in nested.notFollowed)
      said.set(spot, { ...u, what: nested.notFollowed.what, module: undefined });
    else if (nested.notFollowed) said.set(spot, u);
  }
  for (const u of said.values()) {
    // A call into a library from the helper is not the application's code (MIG042's own test).
    out.unfollowed.push({
      range: at,
      construct: `${call.name}(...)`,
      what: `${call.name}() in ${path} reaches \`${u.construct}\` (line ${u.range.start.line + 1}): ${u.what}`,
      ...(u.module ? { module: u.module } : {}),
    });
  }
  return out;
}

/** A step of the helper, placed at the revision's call, with where it is written. */
function placed(op: SchemaOp, path: string, name: string, at: Range): SchemaOp {
  const { detail: _, ...copy } = op;
  return { ...copy, range: at, inHelper: op.inHelper ?? { file: path, range: op.range, function: name } };
}

/** The revision calls a function of another module (a placeholder step is there to replace). */
export const hasHelperCalls = (module: MigrationModule): boolean =>
  !!module.upgrade?.ops.some((op) => op.helper) || !!module.downgrade?.ops.some((op) => op.helper);

/** The revision with each call into a helper module replaced by what it does; the files read. */
export function withHelpers(
  module: MigrationModule,
  reader: HelperReader,
): { module: MigrationModule; read: Map<string, string | undefined> } {
  const read = new Map<string, string | undefined>();
  const splice = (fn: FunctionFacts | undefined): FunctionFacts | undefined => {
    if (!fn?.ops.some((op) => op.helper)) return fn;
    const ops: SchemaOp[] = [];
    const said = new Map((fn.unfollowed ?? []).map((u) => [positionKey(u.range.start), u]));
    const extra: Unfollowed[] = [];
    for (const op of fn.ops) {
      if (!op.helper) {
        ops.push(op);
        continue;
      }
      const result = follow(op.helper, module.path, op.range, reader, []);
      for (const [p, t] of result.read) read.set(p, t);
      ops.push(...result.ops);
      // Each said at the call as the revision writes it.
      const construct = op.label.length > 80 ? `${op.label.slice(0, 77)}...` : op.label;
      extra.push(...result.unfollowed.map((u) => ({ ...u, construct })));
      const spot = positionKey(op.range.start);
      const u = said.get(spot);
      if (!u || (result.notFollowed && 'none' in result.notFollowed)) continue;
      if (result.notFollowed) said.set(spot, { ...u, what: result.notFollowed.what, module: undefined });
      else said.delete(spot);
    }
    const unfollowed = [...said.values(), ...extra].map(({ module: m, ...u }) =>
      m ? { ...u, module: m } : u,
    );
    const out: FunctionFacts = {
      ...fn,
      ops,
      shape: fn.shape === 'ops' && ops.length === 0 ? 'code' : fn.shape,
    };
    if (fn.unfollowed !== undefined || unfollowed.length > 0) {
      if (unfollowed.length > 0) out.unfollowed = unfollowed;
      else delete out.unfollowed;
    }
    return out;
  };
  const out: MigrationModule = { ...module };
  const upgrade = splice(module.upgrade);
  const downgrade = splice(module.downgrade);
  if (upgrade) out.upgrade = upgrade;
  if (downgrade) out.downgrade = downgrade;
  return { module: out, read };
}
