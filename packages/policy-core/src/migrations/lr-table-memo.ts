import type { Tree } from '@lezer/common';

/**
 * A lezer parse that remembers what the LR tables answered, instead of searching them again.
 *
 * Why: for every token, @lezer/lr finds the current state's actions by scanning that state's
 * action list from its start (`TokenCache.addActions`), and after every reduction it finds the
 * next state by scanning the goto table (`LRParser.getGoto`). On Alembic files those two scans
 * were about a quarter of the whole parse, and the same few hundred questions come back millions
 * of times in a history. Remembering the answers made parsing 25–35% faster (`pnpm bench`,
 * migrations: the parse alone, both ways, is printed there).
 *
 * Both answers are pure functions of the parser's tables and the question: (state, token, and
 * whether actions were already found, which decides whether a state's default action applies)
 * and (state, term, loose). So each is computed by lezer's own code, once: the tables are read
 * exactly as lezer reads them, and only the repetition is saved. Actions are replayed through
 * lezer's own `putAction`, which drops duplicates as before. Trees are identical (tested on every
 * Python file in the repository, malformed ones included, and on generated histories).
 *
 * `tokens`, `addActions`, `putAction` and a parse's `parser` are internal to @lezer/lr. When a
 * version lacks that shape, parses run unmemoised: slower, never different. The memos are set on
 * each parse Slipway starts, never on lezer's classes or the shared parser object, so other users
 * of lezer in the same process are untouched.
 */

/** @lezer/python's parser; its LRParser type, without depending on @lezer/lr for a type. */
type LRParser = typeof import('@lezer/python')['parser'];

export interface StackShape {
  state: number;
}

/** The internal part of a lezer parse this relies on. */
export interface TokenCacheShape {
  actions: number[];
  addActions(stack: StackShape, token: number, end: number, index: number): number;
  putAction(action: number, token: number, end: number, index: number): number;
}

interface ParseShape {
  parser: LRParser;
  tokens: TokenCacheShape;
}

type AddActions = TokenCacheShape['addActions'];
type GetGoto = (state: number, term: number, loose?: boolean) => number;

/** The parse's internals, when they have the shape this file relies on. */
function internalsOf(parse: unknown, parser: LRParser): ParseShape | undefined {
  const p = parse as Partial<ParseShape>;
  const tokens = p.tokens as Partial<TokenCacheShape> | undefined;
  if (
    p.parser === parser &&
    typeof (parser as { getGoto?: unknown }).getGoto === 'function' &&
    tokens &&
    typeof tokens.addActions === 'function' &&
    typeof tokens.putAction === 'function' &&
    Array.isArray(tokens.actions)
  )
    return p as ParseShape;
  return undefined;
}

/** Never a real action: stands for "actions already found" when asking the non-empty case. */
const PLACEHOLDER = -1;

export function memoisedAddActions(
  original: AddActions,
  putAction: TokenCacheShape['putAction'],
): AddActions {
  // Rows by state, then slot token · 2 + (list non-empty): arrays, not a Map keyed by a number,
  // because this lookup runs for every token. With @lezer/python no answer depends on the last
  // bit (the tests ask every question), but lezer's table format allows it, so it stays.
  const rows: (number[] | undefined)[][] = [];
  const scratch = { actions: [] as number[], putAction };
  const compute = (stack: StackShape, token: number, nonEmpty: boolean): number[] => {
    scratch.actions.length = 0;
    let from = 0;
    if (nonEmpty) {
      scratch.actions.push(PLACEHOLDER, PLACEHOLDER, 0);
      from = 3;
    }
    const to = original.call(scratch as unknown as TokenCacheShape, stack, token, 0, from);
    const found: number[] = [];
    for (let i = from; i < to; i += 3) found.push(scratch.actions[i] as number);
    return found;
  };
  return function addActions(this: TokenCacheShape, stack, token, end, index) {
    let row = rows[stack.state];
    if (row === undefined) {
      row = [];
      rows[stack.state] = row;
    }
    const slot = token * 2 + (index === 0 ? 0 : 1);
    let found = row[slot];
    if (found === undefined) {
      found = compute(stack, token, index !== 0);
      row[slot] = found;
    }
    if (index === 0) {
      // Nothing found yet, and `found` holds no duplicates: what putAction would write, directly.
      const actions = this.actions;
      for (let i = 0; i < found.length; i++) {
        actions[index++] = found[i] as number;
        actions[index++] = token;
        actions[index++] = end;
      }
      return index;
    }
    for (let i = 0; i < found.length; i++) index = this.putAction(found[i] as number, token, end, index);
    return index;
  };
}

/**
 * The parser as this file's parses see it: everything from the real parser (its prototype), with
 * `getGoto` answered from memory.
 */
export function withMemoisedGoto(parser: LRParser): LRParser {
  const original = (parser as unknown as { getGoto: GetGoto }).getGoto;
  // Rows by state, then slot term · 2 + loose (arrays, as for the actions above).
  const rows: (number | undefined)[][] = [];
  const view = Object.create(parser) as LRParser & { getGoto: GetGoto };
  view.getGoto = (state, term, loose = false) => {
    let row = rows[state];
    if (row === undefined) {
      row = [];
      rows[state] = row;
    }
    const slot = term * 2 + (loose ? 1 : 0);
    let target = row[slot];
    if (target === undefined) {
      target = original.call(parser, state, term, loose);
      row[slot] = target;
    }
    return target;
  };
  return view;
}

/** A parse function, and whether it memoises (false: this lezer lacks the internals relied on). */
export type MemoisedParse = ((text: string) => Tree) & { readonly memoised: boolean };

/** `parser.parse(text)`, with the table lookups memoised for this parser (see above). */
export function memoisedParse(parser: LRParser): MemoisedParse {
  const probe = internalsOf(parser.startParse(''), parser);
  if (!probe) return Object.assign((text: string) => parser.parse(text), { memoised: false });
  const addActions = memoisedAddActions(probe.tokens.addActions, probe.tokens.putAction);
  const view = withMemoisedGoto(parser);
  const run = (text: string): Tree => {
    const parse = parser.startParse(text);
    const internals = internalsOf(parse, parser);
    if (internals) {
      internals.tokens.addActions = addActions;
      internals.parser = view;
    }
    for (;;) {
      const tree = parse.advance();
      if (tree) return tree;
    }
  };
  return Object.assign(run, { memoised: true });
}
