import { describe, expect, it } from 'vitest';
import { loadBoundedYaml } from '../../src/policy/bounded-yaml.js';
import { LineIndex } from '../../src/text-position.js';

const load = (text: string, maxAliases = 100) => loadBoundedYaml(text, new LineIndex(text), maxAliases);
const problems = (text: string, maxAliases = 100) => {
  const r = load(text, maxAliases);
  return 'problems' in r
    ? r.problems.map((p) => `${p.range.start.line}:${p.range.start.character} ${p.message}`)
    : [];
};

/** The one YAML reader of the files a pull request can change: its refusals, each at its place. */
describe('loadBoundedYaml', () => {
  it("says at most five syntax problems, each without the parser's own position", () => {
    const text = Array.from({ length: 8 }, (_, i) => `k${i}: [unclosed${i}\n`).join('');
    const said = problems(text);
    // Eight problems in the text (the parser finds each), five said.
    expect(said).toHaveLength(5);
    expect(said.every((m) => m.includes(' invalid YAML: ') && !/ at line \d+, column \d+/.test(m))).toBe(
      true,
    );
    const dup = problems('a: 1\na: 2\n');
    expect(dup).toEqual([expect.stringMatching(/^1:0 invalid YAML: Map keys must be unique$/)]);
  });

  it('an alias to no anchor is refused at the alias, at most five of them; an alias after its anchor is read', () => {
    const text = `${Array.from({ length: 7 }, (_, i) => `k${i}: *missing${i}`).join('\n')}\n`;
    expect(problems(text)).toEqual(
      Array.from(
        { length: 5 },
        (_, i) =>
          `${i}:4 \`*missing${i}\` names no anchor defined before it; define \`&missing${i}\` first or write the value out`,
      ),
    );
    const ok = load('a: &x [1, 2]\nb: *x\nc: {k: *x}\nd: [*x]\n');
    expect('value' in ok && ok.value).toEqual({ a: [1, 2], b: [1, 2], c: { k: [1, 2] }, d: [[1, 2]] });
    // A `*` inside a plain scalar is no alias.
    expect(load('paths: [src/*, "a*b", auto/*]\n')).toMatchObject({
      value: { paths: ['src/*', 'a*b', 'auto/*'] },
    });
  });

  it('merge keys apply; aliases expand at most the limit given, as one problem at the top', () => {
    expect(load('base: &b {x: 1}\nenv:\n  <<: *b\n  y: 2\n')).toMatchObject({
      value: { env: { x: 1, y: 2 } },
    });
    const fan = `a: &a [1, 2]\nb: [${Array(6).fill('*a').join(', ')}]\n`;
    // The yaml package counts an alias's expansion its own way: 7 lets this through, 6 does not.
    expect('value' in load(fan, 7)).toBe(true);
    expect(problems(fan, 6)).toEqual([
      '0:0 invalid YAML: aliases expand to more than 6 values (a "billion laughs" document); write the values out',
    ]);
  });

  it('one document only', () => {
    expect(problems('a: 1\n---\nb: 2\n')).toEqual([
      expect.stringMatching(
        /invalid YAML: the file holds more than one YAML document \(a `---` line\); keep a single document$/,
      ),
    ]);
  });
});
