import { describe, expect, it } from 'vitest';
import { adapterFor } from '../../src/agent-gate/agents/index.js';

/**
 * Codex applies `apply_patch` run through its shell tool as a patch (intercept_apply_patch), so a
 * `Bash` call can write files: the gate must judge the patch, not a harmless-looking command.
 */
const bash = (command: unknown) =>
  adapterFor('codex').read({
    session_id: 's',
    cwd: '/w',
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command },
  });

const PATCH = '*** Begin Patch\n*** Add File: slipway.yaml\n+version: 1\n*** End Patch';
const FILES = [{ op: 'add', path: 'slipway.yaml', content: 'version: 1\n' }];

describe('a Codex shell command that is an apply_patch', () => {
  it('a heredoc apply_patch is read as the patch it applies, whatever its delimiter', () => {
    for (const command of [
      `apply_patch <<'EOF'\n${PATCH}\nEOF\n`,
      `applypatch <<EOF\n${PATCH}\nEOF`,
      `apply_patch <<"PATCH"\n${PATCH}\nPATCH`,
    ]) {
      expect(bash(command)).toMatchObject({ call: { kind: 'patch', tool: 'Bash', files: FILES } });
    }
  });

  it('the argv forms are read too: ["apply_patch", patch] and bash -lc with a heredoc', () => {
    expect(bash(['apply_patch', PATCH])).toMatchObject({ call: { kind: 'patch', files: FILES } });
    expect(bash(['bash', '-lc', `apply_patch <<'EOF'\n${PATCH}\nEOF\n`])).toMatchObject({
      call: { kind: 'patch', files: FILES },
    });
  });

  it('apply_patch with a patch in any other form is unknown (refused), not a shell command', () => {
    for (const command of [
      `cd db && apply_patch <<'EOF'\n${PATCH}\nEOF`,
      `apply_patch <<'EOF'\n${PATCH}\nEOF\nrm -rf db`,
      `apply_patch '${PATCH}'`,
    ]) {
      expect(bash(command)).toMatchObject({ call: { kind: 'unknown', tool: 'Bash' } });
    }
  });

  it('a heredoc patch that does not parse is refused with why', () => {
    expect(bash("apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: a\n+x\nEOF")).toMatch(
      /^the apply_patch patch in the command cannot be read: the last line of the patch must be/,
    );
  });

  it('near misses: a command that mentions the markers without running apply_patch stays a shell command', () => {
    expect(bash(`grep -rn '*** Begin Patch' docs/`)).toMatchObject({ call: { kind: 'shell' } });
    expect(bash('cat apply_patch.md')).toMatchObject({
      call: { kind: 'shell', command: 'cat apply_patch.md' },
    });
  });
});
