import type { Finding } from '../../finding.js';
import { AGENT_PRESETS } from '../../agents/presets.js';
import type { CheckContext, Rule } from '../../rule.js';
import type { PolicyRun } from './facts/policy-facts.js';
import { policyExample } from './facts/examples.js';

export const agentPresetOff: Rule<PolicyRun> = {
  id: 'POL005',
  name: 'agent-preset-off',
  family: 'POL',
  facts: 'policy',
  defaultSeverity: 'warning',
  title: 'a known agent is not recognised: its preset is turned off',
  docs: {
    what:
      'An entry of `agents.presets_off` turns off a preset: the branches, accounts, e-mails and commit ' +
      'trailers by which Slipway knows an agent (Copilot, Claude, Codex, …) or a bot (Dependabot, ' +
      "Renovate). That agent's changes are then judged as a human's unless the policy names it itself.",
    why:
      'A change made by that agent no longer meets the allow-list, the protected paths for agents or ' +
      'the caps on agent changes. That may be right (a bot the team reviews like a colleague), but a ' +
      'reviewer must see it, with the reason given.',
    fix: 'Remove the entry to recognise the agent again, or keep it: the finding shows the reason.',
    suppress:
      'One finding: `# slipway: allow POL005 -- reason` on its line or the line above. Every finding: ' +
      '`rules: { POL005: off }` in the policy.',
    examples: [
      policyExample(
        'flagged',
        'version: 1\n' +
          'agents:\n' +
          '  presets_off:\n' +
          '    - preset: dependabot\n' +
          '      reason: the platform team reviews every Dependabot pull request\n',
      ),
      policyExample('fine', 'version: 1\n' + 'agents:\n' + '  branches: ["auto/*"]\n'),
    ],
  },
  check: ({ ctx }) => checkPresetsOff(ctx),
};

export function checkPresetsOff(ctx: CheckContext): Finding[] {
  const doc = ctx.policy;
  return (doc.policy.agents?.presets_off ?? []).map((off, i) => {
    const preset = AGENT_PRESETS.find((p) => p.id === off.preset);
    const what = preset ? `${preset.name} (${preset.class === 'bot' ? 'a bot' : 'an agent'})` : off.preset;
    return {
      rule: 'POL005',
      severity: 'warning',
      message:
        `the \`${off.preset}\` preset is off: changes by ${what} are judged as a human's unless the policy ` +
        `names it itself (reason given: "${off.reason}").`,
      file: doc.file,
      range: doc.locate(['agents', 'presets_off', i], 'value'),
    };
  });
}
