import { AGENT_RUNTIME_VARIABLES } from '@slipway/policy-core';
import { expect, it } from 'vitest';
import { AGENT_SHELL_MARKS } from '../helpers/cli.js';

// The suite's own runs drop every mark an agent's shell sets, as the product reads them: a mark
// added to agent-runtime.ts and not here would make a suite run by that agent see agents' deploys.
it("the suite's runs drop every agent shell mark the deploy actor reads", () => {
  expect(Object.keys(AGENT_SHELL_MARKS).sort()).toEqual([...AGENT_RUNTIME_VARIABLES].sort());
});
