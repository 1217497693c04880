import { readFileSync } from 'node:fs';
import type { Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import { describe, expect, it } from 'vitest';
import {
  memoisedAddActions,
  memoisedParse,
  type StackShape,
  type TokenCacheShape,
  withMemoisedGoto,
} from '../../src/migrations/lr-table-memo.js';
import { migration } from './mig-source.js';
import { repositoryPythonFiles } from './repository-python-files.js';

/** Every node with its position: `Tree.toString()` alone would miss a node that moved. */
function shape(tree: Tree): string {
  const out: string[] = [];
  tree.iterate({
    enter: (n) => void out.push(`${n.name}@${n.from}-${n.to}`),
    leave: () => void out.push(')'),
  });
  return out.join(' ');
}

const MALFORMED = [
  '',
  '\n\n',
  'def upgrade(:\n    pass\n',
  'def upgrade():\n    op.drop_table("t"\n\ndef downgrade():\n    pass\n',
  'def upgrade():\npass\n',
  'def upgrade():\n\tif x:\n        pass\n  y = 1\n',
  'x = """unterminated\n',
  "revision = 'a' 'b' ) ]\n",
  'with (op.batch_alter_table("t") as b, op.get_context().autocommit_block()):\n    b.drop_column("c")\n',
  'é = "ü"; 𝔘 = f"{é!r:>{10}}"\n',
  'lambda: (yield)\n@@@\nclass C(metaclass=M, **kw): ...\n',
  `${'('.repeat(200)}1${')'.repeat(200)}\n`,
];

/** Lezer's own action lookup, its internals reached as lr-table-memo.ts reaches them. */
const tokenCache = (parser.startParse('') as unknown as { tokens: TokenCacheShape }).tokens;
const STATES = (parser as unknown as { states: Uint32Array }).states.length / 6;
const TERMS = parser.nodeSet.types.length;

/** The action list lezer builds for one question, asked with `addActions` on a fresh list. */
function actionsFrom(
  add: TokenCacheShape['addActions'],
  state: number,
  term: number,
  nonEmpty: boolean,
): string {
  const list = { actions: nonEmpty ? [-2, term, 7] : [], putAction: tokenCache.putAction };
  const stack = { state, p: { parser } } as StackShape;
  const end = add.call(list as unknown as TokenCacheShape, stack, term, 7, list.actions.length);
  return list.actions.slice(0, end).join(',');
}

describe('the memoised tables', () => {
  it('answer every action question (all states, all terms, empty list or not) as lezer does', () => {
    const memo = memoisedAddActions(tokenCache.addActions, tokenCache.putAction);
    let asked = 0;
    for (let round = 0; round < 2; round++)
      for (let state = 0; state < STATES; state++)
        for (let term = 0; term < TERMS; term++)
          for (const nonEmpty of [false, true]) {
            const want = actionsFrom(tokenCache.addActions, state, term, nonEmpty);
            if (actionsFrom(memo, state, term, nonEmpty) !== want)
              expect.fail(`state ${state}, term ${term}, non-empty ${nonEmpty}: memo differs from lezer`);
            asked++;
          }
    expect(asked).toBeGreaterThan(100_000);
  });

  it('answer every goto question (all states, all terms, loose or strict) as lezer does', () => {
    const view = withMemoisedGoto(parser) as unknown as {
      getGoto(s: number, t: number, loose?: boolean): number;
    };
    const real = parser as unknown as { getGoto(s: number, t: number, loose?: boolean): number };
    let differ = 0;
    for (let round = 0; round < 2; round++)
      for (let state = 0; state < STATES; state++)
        for (let term = 0; term < TERMS; term++)
          for (const loose of [true, false]) {
            if (view.getGoto(state, term, loose) !== real.getGoto(state, term, loose))
              expect.fail(`state ${state}, term ${term}, loose ${loose}: memo differs from lezer`);
            if (real.getGoto(state, term, true) !== real.getGoto(state, term, false)) differ++;
          }
    // Loose and strict answers do differ: the memo must keep them apart.
    expect(differ).toBeGreaterThan(0);
  });
});

describe('memoisedParse', () => {
  const memo = memoisedParse(parser);

  it('memoises with the @lezer/lr this package installs (else the speed-up is silently gone)', () => {
    expect(memo.memoised).toBe(true);
  });

  it('gives the same tree as lezer for every Python file in the repository', () => {
    const files = repositoryPythonFiles();
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(shape(memo(text)), file).toBe(shape(parser.parse(text)));
    }
  });

  it('gives the same tree for malformed and unusual text (error recovery reads the same tables)', () => {
    for (const text of MALFORMED)
      expect(shape(memo(text)), JSON.stringify(text)).toBe(shape(parser.parse(text)));
  });

  it('gives the same trees however the parses are interleaved (the memo is per parser, not per text)', () => {
    const texts = Array.from({ length: 30 }, (_, i) =>
      migration(
        `r${i}`,
        i === 0 ? null : [`r${i - 1}`],
        `op.add_column('t${i}', sa.Column('c', sa.Integer(), nullable=${i % 2 ? 'True' : 'False'}))`,
      ),
    );
    const expected = texts.map((t) => shape(parser.parse(t)));
    for (let round = 0; round < 2; round++)
      for (const [i, t] of texts.entries()) expect(shape(memo(t))).toBe(expected[i]);
  });

  it('falls back to a plain parse when the parse lacks the internals it relies on', () => {
    // The real parser, its parses seen only through the public PartialParse interface.
    const publicOnly = new Proxy(parser, {
      get(target, key) {
        if (key === 'startParse')
          return (text: string) => {
            const parse = target.startParse(text);
            return { advance: () => parse.advance(), parsedPos: 0, stopAt: () => {}, stoppedAt: null };
          };
        const value = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const plain = memoisedParse(publicOnly);
    expect(plain.memoised).toBe(false);
    const text = migration('a1', null, "op.drop_table('t')");
    expect(shape(plain(text))).toBe(shape(parser.parse(text)));
  });
});
