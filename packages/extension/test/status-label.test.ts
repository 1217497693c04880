import { describe, expect, it } from 'vitest';
import { HOSTILE } from '../../../test/hostile/output-corpus.js';
import { CONTROL, visibleRuns } from '../../../test/hostile/render-check.js';
import { statusText } from '../src/status-text.js';

/**
 * Issue 55, category 6, in VS Code's status item: a commit trailer, a branch or the record's SHA
 * is the repository's text. The label draws `$(name)` as an icon and a terminal-like control
 * would garble it; the tooltip is plain text. The hostile corpus (test/hostile/output-corpus.ts)
 * with a forged `$(check)` icon, and an ordinary trailer as the near miss.
 */
const status = (text: string) =>
  statusText({
    root: '/r',
    kind: 'ok',
    message: `checked ${text}`,
    errors: 0,
    warnings: 0,
    agent: `a trailer in ${text}`,
    agentShort: `${text} $(check) all clear`,
    production: { sha: text, pinned: false },
  });

describe("issue 55 (6): the extension's status item", () => {
  for (const h of HOSTILE) {
    it(`${h.name}: no control character, no icon of the repository's in the label`, () => {
      const [label, tooltip] = status(h.text);
      expect(label).not.toMatch(CONTROL);
      expect(tooltip).not.toMatch(CONTROL);
      // VS Code draws an unescaped `$(name)` as an icon: only the item's own icons are.
      const icons = [...label.matchAll(/(?<!\\)\$\(([^)]*)\)/g)].map((m) => m[1]);
      expect(icons).toEqual(['shield', 'error', 'warning', 'robot', 'rocket']);
      for (const run of visibleRuns(h.text)) expect(tooltip).toContain(run);
    });
  }

  it('the near miss: an ordinary trailer and SHA show as they are', () => {
    const [label] = statusText({
      root: '/r',
      kind: 'ok',
      message: 'ok',
      errors: 0,
      warnings: 0,
      agent: 'Co-authored-by: Claude in commit abc1234',
      agentShort: 'Co-authored-by: Claude, commit abc1234 (café 🚀)',
      production: { sha: '1a2b3c4d5e6f', pinned: false },
    });
    expect(label).toContain('$(robot) agent change (Co-authored-by: Claude, commit abc1234 (café 🚀))');
    expect(label).toContain('$(rocket) prod 1a2b3c4');
  });
});
