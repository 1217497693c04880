import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// Removing a symbolic link removes the link, not what it leads to: POSIX rm "shall not traverse
// directories by following symbolic links ... but shall remove the links themselves", and GNU
// rm walks with FTS_PHYSICAL. Only a trailing slash follows the link (`rm -rf link/` empties the
// folder it leads to). The gate judged `rm link` as a removal of the link's target, and
// `rm -rf link` as a removal of the target's files under the link's name (a nested policy file
// among them), while `rm -rf link/` was judged as the link alone.
const session = new AgentSession({
  'slipway.yaml': `version: 1
production_branch: main
protected:
  label: approved-core-change
  paths:
    - core/
`,
  'core/models.py': 'x = 1\n',
  'docs/a.md': 'a\n',
});
const decision = (command: string) => session.decision(command);

describe('slipway hook: a symbolic link removed', () => {
  it('removes the link itself, whatever it leads to', () => {
    mkdirSync(session.at('links'), { recursive: true });
    symlinkSync('../core', session.at('links/core-link'));
    symlinkSync('../slipway.yaml', session.at('links/policy-link.yaml'));
    symlinkSync('..', session.at('links/up'));
    try {
      expect(decision('rm links/core-link')).toBe('allow');
      expect(decision('rm -f links/policy-link.yaml')).toBe('allow');
      expect(decision('unlink links/core-link')).toBe('allow');
      expect(decision('mv links/core-link /tmp/elsewhere')).toBe('allow');
      expect(decision('rm -rf links/up')).toBe('allow');
      // With a trailing slash the link is followed: the folder it leads to is emptied.
      expect(decision('rm -rf links/core-link/')).toMatch(/^ask .*PATH003.*core\/models\.py/);
      expect(decision('rm -rf links/up/')).toMatch(/^deny .*PATH004.*slipway\.yaml/);
      // Near misses: the folder and the file themselves, and a link named as the policy file.
      expect(decision('rm -rf core')).toMatch(/^ask .*PATH003.*core\/models\.py/);
      expect(decision('rm slipway.yaml')).toMatch(/^deny .*PATH004/);
      expect(decision('rm links/up/slipway.yaml')).toMatch(/^deny .*PATH004/);
      expect(decision('shred -u links/policy-link.yaml')).toMatch(/^deny .*PATH004/);
    } finally {
      rmSync(session.at('links'), { recursive: true, force: true });
    }
  });
});
