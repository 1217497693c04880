import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { runCliProcess } from '../deploy/helpers/run-cli.js';

/** What bash completes after `words` (the cursor on the last word), with the generated script sourced. */
function complete(words: string[]): string[] {
  const script = [
    `source <(${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} completion bash)`,
    `COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(' ')})`,
    `COMP_CWORD=${words.length - 1}`,
    '_slipway',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean);
}

describe('slipway completion', () => {
  it("bash completes commands, then each command's own flags, read from its usage", () => {
    expect(complete(['slipway', 'pro'])).toEqual(['promote']);
    expect(complete(['slipway', 'check', '--ba'])).toEqual(['--base']);
    expect(complete(['slipway', 'guard', '--rep'])).toEqual(['--repo', '--report']);
    expect(complete(['slipway', 'promote', '--dry'])).toEqual(['--dry-run']);
    // Near miss: a flag of another command is not offered.
    expect(complete(['slipway', 'explain', '--dry'])).toEqual([]);
  });

  it('writes zsh (through bashcompinit) and fish scripts; an unknown shell is one line, exit 2', async () => {
    const zsh = await runCliProcess(['completion', 'zsh'], { cwd: process.cwd() });
    expect(zsh.stdout).toMatch(/^autoload -U \+X bashcompinit && bashcompinit$/m);
    const fish = await runCliProcess(['completion', 'fish'], { cwd: process.cwd() });
    expect(fish.stdout).toMatch(/^complete -c slipway -n __fish_use_subcommand -a check -d '/m);
    expect(fish.stdout).toMatch(/^complete -c slipway -n '__fish_seen_subcommand_from check' -l base$/m);
    const bad = await runCliProcess(['completion', 'tcsh'], { cwd: process.cwd() });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual([
      'slipway completion: name one shell: `slipway completion bash|zsh|fish`',
    ]);
  });
});
