import { RULES } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { checkWeakened } from '../../../src/rules/policy/POL004-policy-weakened.js';
import { policyDoc as doc } from '../../policy/policy-doc.js';

const known = new Set(RULES.map((r) => r.id));

/**
 * Where each POL004 finding lands in the head's policy, whole: `line:column-line:column`
 * (1-based), then what it says. The editor squiggles exactly that range, so a finding pointed at
 * the wrong key (or at the whole file) is a finding the reader looks for in the wrong place.
 */
const where = (base: string, head: string) =>
  checkWeakened(doc(base), doc(head), known).map(
    (f) =>
      `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1} ${f.message.split(' from the next')[0]?.replace('this change would ', '')}`,
  );

describe('POL004: the range of each loosening in the head policy', () => {
  it('points at the agents key when an allow-list is dropped, and at the cap when a bot cap is raised', () => {
    const base = `version: 1
agents:
  allowed: [docs/]
  bots:
    allowed: [package.json]
    limits: { files: 5, lines: 100 }
`;
    const head = `version: 1
agents:
  branches: ["auto/*"]
  bots:
    limits: { files: 9, lines: 100 }
`;
    expect(where(base, head)).toEqual([
      '2:1-2:7 drop agents.allowed, so agents may edit any file that is not protected',
      '2:1-2:7 drop agents.bots.allowed, so bots are no longer held to an allow-list',
      "5:15-5:20 raise the cap on a bot's change for files from 5 to 9",
    ]);
  });

  it("says a bot's cap raised through the agents' caps when the head has none of its own", () => {
    const base = 'version: 1\nagents:\n  bots:\n    limits: { files: 5 }\n';
    expect(where(base, 'version: 1\nagents:\n  limits: { files: 9 }\n')).toEqual([
      "3:13-3:18 raise the cap on a bot's change for files from 5 to 9",
    ]);
    // The bots' own caps kept with one dropped: at the agents key, not at the caps left.
    const two = 'version: 1\nagents:\n  bots:\n    limits: { files: 5, lines: 100 }\n';
    expect(where(two, 'version: 1\nagents:\n  bots:\n    limits: { lines: 100 }\n')).toEqual([
      "2:1-2:7 drop the cap on a bot's change for files (5)",
    ]);
  });

  it('covers the whole head policy when the policy moves to another file', () => {
    const found = checkWeakened(
      doc('version = 1\n', 'slipway.toml'),
      doc('version: 1\nrules:\n  MIG001: error\n'),
      known,
    );
    expect(
      found.map(
        (f) =>
          `${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`,
      ),
    ).toEqual(['0:0-2:15']);
  });

  it('says a removed migrations section once, not as a change of runner too', () => {
    const base = 'version: 1\nmigrations:\n  sql: [db/*.sql]\n  sql_runner: psql\nrules:\n  MIG001: error\n';
    expect(where(base, 'version: 1\nrules:\n  MIG001: error\n')).toEqual([
      '1:1-3:16 stop checking migrations (MIG*): the `migrations:` section is removed',
    ]);
  });

  it("says a bot's cap dropped at the agents key, and nothing of a bot cap kept at its value", () => {
    const base = 'version: 1\nagents:\n  bots:\n    limits: { files: 5, lines: 100 }\n';
    // The bots' caps gone and no agents' caps to fall back on: no cap at all.
    expect(where(base, 'version: 1\nagents:\n  branches: ["auto/*"]\n')).toEqual([
      "2:1-2:7 drop the cap on a bot's change for files (5)",
      "2:1-2:7 drop the cap on a bot's change for lines (100)",
    ]);
    // The same caps, written again: nothing is raised (equal is not more).
    expect(where(base, 'version: 1\nagents:\n  bots:\n    limits: { lines: 100, files: 5 }\n')).toEqual([]);
  });

  it('points at the runner key when the runner changes, and names the cut for prisma', () => {
    const policy = (runner: string) =>
      `version: 1\nmigrations:\n  sql: [db/*.sql]\n  sql_runner: ${runner}\n`;
    expect(where(policy('psql'), policy('plain'))).toEqual([
      '4:3-4:13 read the .sql migrations as run by a tool that stops at a failed statement (was psql, which goes on): a swap whose copy may fail before its drop is no longer refused',
    ]);
    expect(where(policy('plain'), policy('prisma'))).toEqual([
      '4:3-4:13 read the .sql migrations as prisma runs them (was plain): their statements are cut and ordered as prisma does, no longer as plain would',
    ]);
  });

  it('points at the labels key when verification is turned off but the section stays', () => {
    const base = 'version: 1\nrules:\n  MIG001: error\nlabels:\n  verify: github\n';
    expect(where(base, 'version: 1\nrules:\n  MIG001: error\nlabels:\n  verify: none\n')).toEqual([
      '4:1-4:7 stop verifying who applied approval labels (labels.verify)',
    ]);
  });

  it('points at hooks.fail_open when it is turned on, and says nothing when it was on already', () => {
    const on = 'version: 1\nhooks:\n  fail_open: true\n';
    expect(where('version: 1\n', on)).toEqual([
      '3:3-3:12 let tool calls the agent gate cannot judge through (hooks.fail_open)',
    ]);
    expect(where('version: 1\nhooks:\n  fail_open: false\n', on)).toHaveLength(1);
    expect(where(on, on)).toEqual([]);
    expect(where(on, 'version: 1\nhooks:\n  fail_open: false\n')).toEqual([]);
  });

  it('covers the whole policy for what has no key left to point at: a removed section, a dropped bound', () => {
    const base = 'version: 1\nmax_waiver_days: 30\ndeploy:\n  record: r.json\n';
    const head = 'version: 1\nrules:\n  MIG001: error\n';
    expect(where(base, head)).toEqual([
      '1:1-3:16 stop checking the deploy record and audit log (REC*, AUD*): the `deploy:` section is removed',
      '1:1-3:16 drop max_waiver_days (30): suppression comments may last forever',
    ]);
  });

  it('points at a list item added, in YAML and in TOML: the item itself', () => {
    expect(
      where('version: 1\nagents:\n  allowed: [docs/]\n', 'version: 1\nagents:\n  allowed: [docs/, src/]\n'),
    ).toEqual(['3:20-3:24 widen agents.allowed with `src/`']);
    const toml = (allowed: string) => `version = 1\n\n[agents]\nallowed = [${allowed}]\n`;
    const found = checkWeakened(
      doc(toml('"docs/"'), 'slipway.toml'),
      doc(toml('"docs/", "src/"'), 'slipway.toml'),
      known,
    ).map(
      (f) =>
        `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1}`,
    );
    expect(found).toEqual(['4:21-4:27']);
  });

  it('says nothing of an opt_out or an extra kept, or of a surface the base did not have', () => {
    const surface = 'version: 1\npolicy_surface:\n  opt_out: [AGENTS.md]\n  extra: [ops/]\n';
    expect(where(surface, surface)).toEqual([]);
    expect(where('version: 1\n', 'version: 1\npolicy_surface:\n  extra: [ops/]\n')).toEqual([]);
    // Nor of a migrations section only one side has: its removal says it, an added one tightens.
    expect(
      where('version: 1\n', 'version: 1\nmigrations:\n  sql: [db/*.sql]\n  sql_runner: prisma\n'),
    ).toEqual([]);
  });
});
