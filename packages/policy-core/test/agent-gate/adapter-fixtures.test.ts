import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adapterFor } from '../../src/agent-gate/agents/index.js';
import { GATE_AGENTS } from '../../src/agent-gate/tool-call.js';

/**
 * Every fixture is one hook input as the agent documents it (`source` says where its shape comes
 * from; agents/README.md lists the sources), and the HookInput its adapter must read from it.
 */
interface Fixture {
  source: string;
  input: unknown;
  expected: unknown;
}

const FIXTURES = join(import.meta.dirname, 'fixtures');

const cases = GATE_AGENTS.flatMap((agent) =>
  readdirSync(join(FIXTURES, agent))
    .filter((name) => name.endsWith('.json'))
    .map((name) => {
      const fixture = JSON.parse(readFileSync(join(FIXTURES, agent, name), 'utf8')) as Fixture;
      return { agent, name: name.slice(0, -'.json'.length), fixture };
    }),
);

describe('each agent adapter reads its documented hook inputs (fixtures/<agent>/<tool>.json)', () => {
  it('has fixtures for every agent, each citing its source', () => {
    for (const agent of GATE_AGENTS) expect(cases.filter((c) => c.agent === agent).length).toBeGreaterThan(4);
    for (const { fixture } of cases) expect(fixture.source.length).toBeGreaterThan(20);
  });

  it.each(cases.map((c) => [`${c.agent}/${c.name}`, c] as const))('%s', (_name, { agent, fixture }) => {
    expect(adapterFor(agent).read(fixture.input)).toEqual(fixture.expected);
  });
});
