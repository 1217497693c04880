import { describe, expect, it } from 'vitest';
import { MemoryRepo, parsePolicyText } from '../../src/index.js';
import type { RepoView } from '../../src/repo.js';
import type { CheckContext } from '../../src/rule.js';
import { updateFamily } from '../../src/rules/families.js';

const POLICY = 'version: 1\nupdate:\n  config: config/update.toml\n';

/** A checkout as git lists it: the bot's persistence directory is git-ignored, yet on disk. */
function untracked(files: Record<string, string>, tracked: readonly string[]): RepoView {
  const all = new MemoryRepo(files);
  return { listFiles: () => tracked, readFile: (p) => all.readFile(p) };
}

function check(toml: string, state: Record<string, string>) {
  const parsed = parsePolicyText(POLICY, 'slipway.yaml');
  if (!parsed.document) throw new Error(JSON.stringify(parsed.findings));
  const files = { 'slipway.yaml': POLICY, 'config/update.toml': toml, ...state };
  const ctx: CheckContext = {
    policy: parsed.document,
    repo: untracked(files, ['slipway.yaml', 'config/update.toml']),
    now: new Date(),
    env: {},
  };
  return updateFamily.check(ctx);
}

describe('UPD003 on state files git does not list', () => {
  it('checks the configured profile of the default persistence directory', () => {
    const r = check('[update]\n', { 'bot_persistence/default/meta/update_state.json': '{' });
    expect(r.findings.map((x) => `${x.rule} ${x.file}`)).toEqual([
      'UPD003 bot_persistence/default/meta/update_state.json',
    ]);
    expect(r.filesChecked).toEqual(['config/update.toml', 'bot_persistence/default/meta/update_state.json']);
  });

  it('follows persistence_dir and profile from update.toml', () => {
    const r = check('[update]\npersistence_dir = "var/state"\nprofile = "live"\n', {
      'var/state/live/meta/version.json': '{"version": "1.0.0"}',
      'bot_persistence/default/meta/version.json': '{',
    });
    expect(r.findings.map((x) => `${x.rule} ${x.file}:${x.range.start.line}`)).toEqual([
      'UPD003 var/state/live/meta/version.json:0',
      'UPD003 var/state/live/meta/version.json:0',
      'UPD003 var/state/live/meta/version.json:0',
    ]);
  });

  it('is silent when the files are good or absent', () => {
    expect(check('[update]\n', {}).findings).toEqual([]);
  });
});

describe('UPD004 wherever the key is written', () => {
  it('warns for require_signed_tags = false in an inline table, at the value, with its fix', () => {
    const text = 'update = { require_signed_tags = false }\n';
    const r = check(text, {});
    expect(r.findings.map((x) => `${x.rule} ${x.range.start.line}:${x.range.start.character}`)).toEqual([
      'UPD004 0:33',
    ]);
    const edit = r.findings[0]?.fixes?.[0]?.edits[0];
    expect(edit?.newText).toBe('true');
    expect(text.slice(edit?.range.start.character, edit?.range.end.character)).toBe('false');
  });

  it('warns at the value of a dotted key too', () => {
    const r = check('update.require_signed_tags = false # for now\n', {});
    expect(r.findings.map((x) => `${x.rule} ${x.range.start.line}:${x.range.start.character}`)).toEqual([
      'UPD004 0:29',
    ]);
    expect(r.findings[0]?.range.end.character).toBe(34);
  });
});
