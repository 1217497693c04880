import { describe, expect, it } from 'vitest';
import { MemoryRepo, parsePolicyText } from '../../../src/index.js';
import type { CheckContext } from '../../../src/rule.js';
import { updateFamily } from '../../../src/rules/families.js';

// Where the UPD family finds the updater's files: the state glob's files, and those of the profile
// update.toml names, which live in a git-ignored persistence folder (readable, never listed); and
// what it says of a file that is there but refused unread (a link out of the repository).

const POLICY = 'version: 1\nupdate:\n  config: config/update.toml\n  state: "bot_persistence/*/meta"\n';
const TOML = (extra = '') =>
  `[update]\nchannel = "main"\nrequire_signed_tags = true\nallowed_signers = ["0123456789ABCDEF0123456789ABCDEF01234567"]\n${extra}`;

/**
 * A repository whose `hidden` files are readable but not listed (git ignores them), `refused` ones
 * refused unread, and `gone` ones listed but no longer there (deleted, the deletion not committed).
 */
class IgnoringRepo extends MemoryRepo {
  constructor(
    files: Record<string, string>,
    private readonly hidden: ReadonlySet<string>,
    private readonly refused: Record<string, string> = {},
    private readonly gone: readonly string[] = [],
  ) {
    super(files);
  }
  override listFiles(): readonly string[] {
    return [...super.listFiles(), ...Object.keys(this.refused), ...this.gone]
      .filter((f) => !this.hidden.has(f))
      .sort();
  }
  whyUnread(path: string): string | undefined {
    return this.refused[path];
  }
}

function run(
  files: Record<string, string>,
  hidden: string[] = [],
  refused: Record<string, string> = {},
  gone: string[] = [],
) {
  const parsed = parsePolicyText(POLICY, 'slipway.yaml');
  if (!parsed.document) throw new Error(JSON.stringify(parsed.findings));
  const ctx: CheckContext = {
    policy: parsed.document,
    repo: new IgnoringRepo({ 'slipway.yaml': POLICY, ...files }, new Set(hidden), refused, gone),
    now: new Date(),
    env: {},
  };
  return updateFamily.check(ctx);
}

const where = (r: ReturnType<typeof run>) => r.findings.map((f) => `${f.rule} ${f.file}`);

describe("UPD: the updater's state files, listed or not", () => {
  it('reads the state files of the profile update.toml names, in its persistence folder, though git ignores them', () => {
    const state = 'data/prod/meta/update_state.json';
    const version = 'data/prod/meta/version.json';
    const r = run(
      {
        'config/update.toml': TOML('persistence_dir = "data"\nprofile = "prod"\n'),
        [state]: '{',
        [version]: '{',
      },
      [state, version],
    );
    expect(where(r)).toEqual([`UPD003 ${state}`, `UPD003 ${version}`]);
    expect(r.filesChecked).toEqual(['config/update.toml', state, version]);
  });

  it("without persistence_dir and profile: the updater's defaults, bot_persistence/default", () => {
    const state = 'bot_persistence/default/meta/update_state.json';
    const r = run({ 'config/update.toml': TOML(), [state]: '{' }, [state]);
    expect(where(r)).toEqual([`UPD003 ${state}`]);
  });

  it('a state file both listed and the profile’s own is read once; other names in meta/ are not state files', () => {
    const state = 'bot_persistence/default/meta/update_state.json';
    const r = run({
      'config/update.toml': TOML(),
      [state]: '{',
      'bot_persistence/default/meta/notes.json': '{',
    });
    expect(where(r)).toEqual([`UPD003 ${state}`]);
    expect(r.filesChecked).toEqual(['config/update.toml', state]);
  });

  it("near miss: the profile's files absent, nothing is read or said of them", () => {
    const r = run({ 'config/update.toml': TOML('profile = "prod"\n') });
    expect(r.findings).toEqual([]);
    expect(r.filesChecked).toEqual(['config/update.toml']);
  });

  it('a state file refused unread (a link out of the repository) is one UPD003 saying why', () => {
    const state = 'bot_persistence/main/meta/version.json';
    const r = run({ 'config/update.toml': TOML() }, [], {
      [state]: `${state} is a link out of the repository`,
    });
    expect(r.findings.map((f) => [f.rule, f.file, f.severity, f.message])).toEqual([
      [
        'UPD003',
        state,
        'error',
        `${state} is a link out of the repository; commit the state file itself, or leave it out of the repository.`,
      ],
    ]);
  });

  it('the update config refused unread is UPD001 on the policy saying why, not "missing"; and it is not counted as checked', () => {
    const r = run({}, [], { 'config/update.toml': 'config/update.toml is a link out of the repository' });
    expect(r.findings.map((f) => [f.rule, f.file, f.message])).toEqual([
      [
        'UPD001',
        'slipway.yaml',
        'config/update.toml is a link out of the repository; commit the update config itself at update.config.',
      ],
    ]);
    expect(r.filesChecked).toEqual([]);
  });

  it('a listed state file the working tree no longer has (deleted, not yet committed) is passed over', () => {
    const gone = 'bot_persistence/main/meta/version.json';
    const r = run({ 'config/update.toml': TOML() }, [], {}, [gone]);
    expect(r.findings).toEqual([]);
    expect(r.filesChecked).toEqual(['config/update.toml']);
  });

  it("the profile's own state file, git-ignored and refused unread (runtime state on another volume), is passed over", () => {
    const state = 'bot_persistence/default/meta/update_state.json';
    const r = run({ 'config/update.toml': TOML() }, [state], {
      [state]: `${state} is a link out of the repository`,
    });
    expect(r.findings).toEqual([]);
    expect(r.filesChecked).toEqual(['config/update.toml']);
  });
});
