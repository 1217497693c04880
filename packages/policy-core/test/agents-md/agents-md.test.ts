import { parsePolicyText, renderAgentsSection, updateAgentsMd } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

/** `slipway agents-md`'s pure part: the section from a policy, and its place in AGENTS.md. */

const section = (yaml: string) => {
  const doc = parsePolicyText(yaml, 'slipway.yaml').document;
  if (!doc) throw new Error('invalid policy');
  return renderAgentsSection(doc);
};
const bullet = (text: string, name: string) => text.split('\n').find((l) => l.startsWith(`- **${name}**`));

describe('the AGENTS.md section', () => {
  it('says each part of the policy in plain words: lanes, allow-list, protected paths and label, caps, dependencies', () => {
    const text = section(
      'version: 1\nproduction_branch: trunk\nprotected:\n  paths: [db/]\n  label: core-ok\nagents:\n  branches: ["bot/*"]\n  allowed: [src/]\n  limits: { files: 5, deleted_files: 0 }\n  dependency_branch: deps/YYYYMMDD-NNN\ndependencies:\n  - { requirements: req.in, lock: req.txt }\n  - { requirements: dev.in, lock: dev.txt, label: dev-ok }\n',
    );
    expect(text.startsWith('<!-- slipway:begin -->\n')).toBe(true);
    expect(text.endsWith('<!-- slipway:end -->\n')).toBe(true);
    expect(bullet(text, 'Branch')).toContain('`bot/*` (a branch under one counts too), never on `trunk`');
    expect(bullet(text, 'Where you may write')).toBe(
      '- **Where you may write**: only files matching `src/`.',
    );
    expect(bullet(text, 'Protected paths')).toContain(
      '`db/`. Leave them alone: a change there needs a human to review it and add the label `core-ok`.',
    );
    expect(bullet(text, 'Caps on one change')).toContain('at most 5 files touched, at most 0 files deleted');
    expect(bullet(text, 'Dependencies')).toContain(
      'change `req.in`, `req.txt`, `dev.in`, `dev.txt` only on a branch named like `deps/YYYYMMDD-NNN`',
    );
    expect(bullet(text, 'Dependencies')).toContain(
      "needs a human's label `approved-dependency-upgrade`, `dev-ok`",
    );
  });

  it('near miss: a policy without protected paths, caps or dependencies says none of them, and no allow-list is said as such', () => {
    const text = section('version: 1\n');
    expect(bullet(text, 'Protected paths')).toBeUndefined();
    expect(bullet(text, 'Caps on one change')).toBeUndefined();
    expect(bullet(text, 'Dependencies')).toBeUndefined();
    expect(bullet(text, 'Where you may write')).toBe(
      '- **Where you may write**: the policy sets no allow-list; the rules below still apply.',
    );
    expect(bullet(section('version: 1\nagents:\n  allowed: []\n'), 'Where you may write')).toContain(
      'nowhere',
    );
  });

  it('is created, appended after the text there, or replaced between its markers; unchanged when it matches', () => {
    const s = section('version: 1\n');
    expect(updateAgentsMd(undefined, s)).toEqual({ ok: true, text: s, status: 'created' });
    expect(updateAgentsMd('# Mine', s)).toEqual({ ok: true, text: `# Mine\n\n${s}`, status: 'updated' });
    const placed = `# Mine\n\n${s}\nAfter.\n`;
    expect(updateAgentsMd(placed, s)).toEqual({ ok: true, text: placed, status: 'unchanged' });
    const stale = placed.replace('never on', 'not on');
    expect(updateAgentsMd(stale, s)).toEqual({ ok: true, text: placed, status: 'updated' });
  });
});
