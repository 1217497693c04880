import { describe, expect, it } from 'vitest';
import { MemoryRepo, parsePolicyText } from '../../../src/index.js';
import type { CheckContext } from '../../../src/rule.js';
import { updateFamily } from '../../../src/rules/families.js';
import { checkStateFile } from '../../../src/rules/update/UPD003-invalid-state-file.js';

// Each UPD finding whole, as the editor and the report show it: rule, severity, file, place and
// message; and where the family looks for the updater's state files.

const POLICY = 'version: 1\nupdate:\n  config: config/update.toml\n  state: "bot_persistence/*/meta"\n';
const GOOD_TOML =
  '[update]\nchannel = "main"\nrequire_signed_tags = true\nallowed_signers = ["0123456789ABCDEF0123456789ABCDEF01234567"]\n';

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
const at = (line: number, from: number, to: number) => ({
  start: { line, character: from },
  end: { line, character: to },
});

describe('UPD findings, whole', () => {
  it('UPD001 for a missing config: an error on the policy line, saying how to fix it', () => {
    expect(run({}).findings).toEqual([
      {
        rule: 'UPD001',
        severity: 'error',
        message:
          'config/update.toml does not exist; create it with an [update] table or fix `update.config` in the policy.',
        file: 'slipway.yaml',
        range: at(2, 10, 28),
      },
    ]);
  });

  it('UPD001 for a problem in the config: an error at the key', () => {
    const [f] = run({ 'config/update.toml': '[update]\ninterval_minutes = "x"\n' }).findings;
    expect(f).toMatchObject({ rule: 'UPD001', severity: 'error', file: 'config/update.toml' });
  });

  it('UPD002: an error at the key the variable overrides, or at `update:` without the config', () => {
    const bad = { BOT_UPDATE_INTERVAL: 'hourly' };
    const message =
      'BOT_UPDATE_INTERVAL="hourly" is not a whole number of minutes between 1 and 10080; it overrides `interval_minutes`, and slipway update refuses to run until it is fixed.';
    expect(run({ 'config/update.toml': GOOD_TOML }, bad).findings).toEqual([
      { rule: 'UPD002', severity: 'error', message, file: 'config/update.toml', range: at(0, 0, 8) },
    ]);
    expect(run({}, bad).findings.filter((f) => f.rule === 'UPD002')).toEqual([
      { rule: 'UPD002', severity: 'error', message, file: 'slipway.yaml', range: at(1, 0, 6) },
    ]);
  });

  it('UPD003: an error at the key, saying how to start afresh', () => {
    const file = 'bot_persistence/main/meta/version.json';
    const [f] = run({ 'config/update.toml': GOOD_TOML, [file]: '{"version": 1}\n' }).findings;
    expect(f).toMatchObject({ rule: 'UPD003', severity: 'error', file });
    expect(f?.message).toMatch(
      /^update state file bot_persistence\/main\/meta\/version\.json .+; fix it or delete it and run `slipway update reset --reason \.\.\.`\.$/,
    );
  });

  it('UPD003 judges only version.json and update_state.json', () => {
    expect(checkStateFile('bot_persistence/main/meta/notes.json', '{')).toEqual([]);
    expect(checkStateFile('version.json', '{').map((f) => f.rule)).toEqual(['UPD003']);
  });
});

describe('UPD: where the state files are', () => {
  const state = (glob: string) => POLICY.replace('"bot_persistence/*/meta"', JSON.stringify(glob));
  const checked = (policy: string, files: Record<string, string>) =>
    run({ 'config/update.toml': GOOD_TOML, ...files }, {}, policy).filesChecked;

  it('ignores trailing slashes of update.state', () => {
    const file = 'runtime/main/meta/version.json';
    for (const glob of ['runtime/*/meta/', 'runtime/*/meta//'])
      expect(checked(state(glob), { [file]: '{' }), glob).toEqual(['config/update.toml', file]);
  });

  it('finds the meta folder of a profile whose name starts with a dot', () => {
    const file = 'bot_persistence/.staging/meta/update_state.json';
    expect(checked(POLICY, { [file]: '{' })).toEqual(['config/update.toml', file]);
  });

  it("falls back to the updater's defaults when the config does not parse", () => {
    const file = 'bot_persistence/default/meta/version.json';
    const policy = state('elsewhere/*/meta');
    expect(checked(policy, { [file]: '{' })).toEqual(['config/update.toml', file]);
    expect(
      run({ 'config/update.toml': `${GOOD_TOML}profile = [\n`, [file]: '{' }, {}, policy).filesChecked,
    ).toEqual(['config/update.toml', file]);
  });

  it('UPD004 on a config the position reader cannot read (an impossible date): at the first line, with no fix', () => {
    const text = '[update]\nrequire_signed_tags = false\nreleased = 2023-02-30\n';
    const [f] = run({ 'config/update.toml': text }).findings.filter((x) => x.rule === 'UPD004');
    expect(f?.range).toEqual(at(0, 0, 8));
    expect(f?.fixes).toBeUndefined();
  });
});
