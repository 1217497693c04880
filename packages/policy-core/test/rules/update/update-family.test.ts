import { describe, expect, it } from 'vitest';
import { MemoryRepo, parsePolicyText, renderRuleDocs } from '../../../src/index.js';
import { updateFamily } from '../../../src/rules/families.js';
import { updateConfigSchema } from '../../../src/update/index.js';
import type { CheckContext } from '../../../src/rule.js';

const POLICY = 'version: 1\nupdate:\n  config: config/update.toml\n  state: "bot_persistence/*/meta"\n';
const GOOD_TOML =
  '[update]\nchannel = "main"\nrequire_signed_tags = true\nallowed_signers = ["0123456789ABCDEF0123456789ABCDEF01234567"]\n';
const VERSION = JSON.stringify(
  { version: 'v1.0.0', commit: 'a'.repeat(40), applied_at: '2026-11-22T10:00:00Z' },
  null,
  2,
);
const STATE = JSON.stringify(
  {
    schema: 1,
    day: '2026-11-22',
    attempts_today: 1,
    failures_today: 0,
    total_failures: 0,
    circuit: { open: false },
    resets: [],
  },
  null,
  2,
);

function run(files: Record<string, string>, env: Record<string, string> = {}, policy = POLICY) {
  const parsed = parsePolicyText(policy, 'slipway.yaml');
  if (!parsed.document) throw new Error(JSON.stringify(parsed.findings));
  const ctx: CheckContext = {
    policy: parsed.document,
    repo: new MemoryRepo({ 'slipway.yaml': policy, ...files }),
    now: new Date(),
    env,
  };
  return updateFamily.check(ctx);
}

const brief = (r: ReturnType<typeof run>) =>
  r.findings.map(
    (f) => `${f.rule} ${f.file}:${f.range.start.line}:${f.range.start.character}-${f.range.end.character}`,
  );

describe('UPD family', () => {
  it('is silent on a good config and good state files, and lists what it read', () => {
    const r = run({
      'config/update.toml': GOOD_TOML,
      'bot_persistence/main/meta/version.json': VERSION,
      'bot_persistence/main/meta/update_state.json': STATE,
      'bot_persistence/main/meta/other.json': '{',
    });
    expect(r.findings).toEqual([]);
    expect(r.filesChecked).toEqual([
      'config/update.toml',
      'bot_persistence/main/meta/update_state.json',
      'bot_persistence/main/meta/version.json',
    ]);
  });

  it('does nothing without an update section', () => {
    expect(run({ 'config/update.toml': 'broken [' }, {}, 'version: 1\n')).toEqual({
      findings: [],
      filesChecked: [],
    });
  });

  it('UPD001 at the offending key', () => {
    const r = run({ 'config/update.toml': '[update]\ninterval_minutes = -5\n' });
    expect(brief(r)).toEqual(['UPD001 config/update.toml:1:0-16']);
    expect(r.findings[0]?.message).toMatch(/^invalid config\/update.toml: \[update\]\.interval_minutes: /);
  });

  it('UPD001 at a syntax error', () => {
    const r = run({ 'config/update.toml': '[update]\nchannel = = "x"\n' });
    expect(r.findings.map((f) => [f.rule, f.range.start.line])).toEqual([['UPD001', 1]]);
  });

  it('UPD001 on the policy line when the configured file is missing', () => {
    const r = run({});
    expect(brief(r)).toEqual(['UPD001 slipway.yaml:2:10-28']);
  });

  it('UPD002 at the overridden key, one per bad variable', () => {
    const r = run(
      { 'config/update.toml': GOOD_TOML },
      { BOT_UPDATE_CHANNEL: 'main..x', BOT_UPDATE_INTERVAL: 'hourly', BOT_AUTO_UPDATE: '1' },
    );
    expect(brief(r)).toEqual(['UPD002 config/update.toml:0:0-8', 'UPD002 config/update.toml:1:0-7']);
    expect(r.findings[1]?.message).toContain('BOT_UPDATE_CHANNEL="main..x"');
  });

  it('UPD002 on the policy when there is no config file to point at', () => {
    const r = run({}, { BOT_AUTO_UPDATE: 'sometimes' });
    expect(brief(r)).toContain('UPD002 slipway.yaml:1:0-6');
  });

  it('UPD003 for broken JSON and for schema errors, at the key', () => {
    const r = run({
      'config/update.toml': GOOD_TOML,
      'bot_persistence/a/meta/version.json': '{"version": "v1.0.0",',
      'bot_persistence/b/meta/update_state.json': STATE.replace(
        '"failures_today": 0',
        '"failures_today": "zero"',
      ).replace('"resets"', '"resetz"'),
    });
    expect(r.findings.map((f) => f.rule)).toEqual(['UPD003', 'UPD003', 'UPD003']);
    const [json, ...schema] = r.findings;
    expect(json?.file).toBe('bot_persistence/a/meta/version.json');
    expect(json?.message).toContain('is not valid JSON');
    expect(schema.map((f) => `${f.range.start.line}:${f.range.start.character}`).sort()).toEqual([
      '4:2',
      '9:2',
    ]);
    expect(schema.map((f) => f.message).join('\n')).toMatch(
      /"failures_today".*expected number[\s\S]*unknown key\(s\) "resetz"/,
    );
  });

  it('UPD004 warns at the value and offers a fix', () => {
    const r = run({ 'config/update.toml': '[update]\nrequire_signed_tags = false # for now\n' });
    expect(brief(r)).toEqual(['UPD004 config/update.toml:1:22-27']);
    expect(r.findings[0]?.severity).toBe('warning');
    expect(r.findings[0]?.fixes?.[0]?.edits[0]?.newText).toBe('true');
    // What the editor's light bulb and `check --fix` name, and what the person reads.
    expect(r.findings[0]?.fixes?.[0]?.title).toBe('Require signed tags');
    expect(r.findings[0]?.message).toBe(
      'require_signed_tags = false: the updater will install unsigned releases; sign release tags, list the signers in allowed_signers and set it to true.',
    );
  });

  it('UPD004 also when another key is invalid', () => {
    const r = run({
      'config/update.toml': '[update]\nrequire_signed_tags = false\ninterval_minutes = "x"\n',
    });
    expect(r.findings.map((f) => f.rule).sort()).toEqual(['UPD001', 'UPD004']);
  });

  it('UPD001 documents every key the schema accepts', () => {
    const rule = updateFamily.rules.find((r) => r.id === 'UPD001');
    const description = rule ? renderRuleDocs(rule, 'text') : '';
    for (const key of Object.keys(updateConfigSchema.shape)) expect(description).toContain(key);
  });

  it('publishes metadata for all four rules', () => {
    expect(updateFamily.rules.map((r) => `${r.id} ${r.defaultSeverity}`)).toEqual([
      'UPD001 error',
      'UPD002 error',
      'UPD003 error',
      'UPD004 warning',
    ]);
  });
});
