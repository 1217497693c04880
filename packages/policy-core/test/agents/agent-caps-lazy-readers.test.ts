import { describe, expect, it, vi } from 'vitest';
import { MemoryRepo } from '../../src/index.js';
import type { CheckContext } from '../../src/rule.js';
import { change, policy } from './agent-test-helpers.js';

// The agent gate loads only the families a call concerns, and the dependency readers only for a
// policy with dependency pairs (rules/dependency-readers.ts): the AGT family, loaded alone, must
// not ask for them when the policy has none.
describe('AGT003 without the dependency readers loaded', () => {
  const run = async (text: string) => {
    vi.resetModules();
    const { agentCapFamily } = await import('../../src/rules/agents/family.js');
    const ctx: CheckContext = {
      policy: policy(text),
      repo: new MemoryRepo({ 'slipway.yaml': text, 'requirements.txt': 'httpx==0.27.0\n' }),
      now: new Date(0),
      env: {},
      change: change({
        branch: 'auto/x',
        labels: [],
        files: [{ status: 'added', path: 'requirements.txt' }],
      }),
    };
    return agentCapFamily.check(ctx).findings;
  };
  const capped = 'version: 1\nagents:\n  branches: ["auto/*"]\n  limits:\n    new_dependencies: 0\n';

  it('a policy without dependency pairs counts none, and reads none', async () => {
    await expect(run(capped)).resolves.toEqual([]);
  });

  it('(a policy with pairs needs them: the host loads them first)', async () => {
    await expect(
      run(`${capped}dependencies:\n  requirements: requirements.txt\n  lock: requirements.lock\n`),
    ).rejects.toThrow('the dependency readers are not loaded');
  });
});
