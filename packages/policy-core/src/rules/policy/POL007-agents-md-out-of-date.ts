import { agentsMdBeside, findAgentsSection, sectionText } from '../../agents-md/agents-md-section.js';
import { renderAgentsSection } from '../../agents-md/render-section.js';
import type { Finding } from '../../finding.js';
import type { Rule } from '../../rule.js';
import type { PolicyRun } from './facts/policy-facts.js';
import { policyExample } from './facts/examples.js';

export const agentsMdOutOfDate: Rule<PolicyRun> = {
  id: 'POL007',
  name: 'agents-md-out-of-date',
  family: 'POL',
  facts: 'policy',
  defaultSeverity: 'warning',
  title: "AGENTS.md's Slipway section no longer says what the policy says",
  docs: {
    what:
      'AGENTS.md beside the policy holds a section between `<!-- slipway:begin -->` and ' +
      '`<!-- slipway:end -->` (written by `slipway agents-md`) that differs from what the command ' +
      'would write from the policy now, or whose markers are broken (duplicated, unbalanced). ' +
      'An AGENTS.md without the markers is not judged.',
    why:
      'Agents read AGENTS.md to learn where they may work: a section written for an older policy ' +
      'sends them to the wrong branch or paths, and the gate then refuses what they were told to do.',
    fix: 'Run `slipway agents-md` and commit AGENTS.md with the policy change (a human change: AGENTS.md is part of the policy surface).',
    suppress: 'Every finding: `rules: { POL007: off }` in the policy.',
    examples: [
      policyExample('flagged', 'version: 1\nagents:\n  branches: ["bot/*"]\n', {
        beside: {
          'AGENTS.md':
            '# Notes for agents\n\n<!-- slipway:begin -->\n- **Branch**: work on `auto/*`.\n<!-- slipway:end -->\n',
        },
        assumes: 'the section was written before the branches changed',
      }),
      policyExample('fine', 'version: 1\nagents:\n  branches: ["bot/*"]\n', {
        beside: { 'AGENTS.md': '# Notes for agents\n\nWork on bot/ branches.\n' },
      }),
    ],
  },
  check: ({ ctx }) => {
    const doc = ctx.policy;
    const file = agentsMdBeside(doc.file);
    const text = ctx.repo.readFile(file);
    if (text === undefined) return [];
    const place = findAgentsSection(text);
    if (place.kind === 'none') return [];
    const at = { line: place.line, character: 0 };
    const finding = (message: string): Finding[] => [
      { rule: 'POL007', severity: 'warning', message, file, range: { start: at, end: at } },
    ];
    if (place.kind === 'broken') return finding(`the Slipway section's markers are broken: ${place.reason}`);
    if (sectionText(text, place) === renderAgentsSection(doc)) return [];
    return finding(
      `the Slipway section of ${file} no longer says what ${doc.file} says; run \`slipway agents-md\` and commit the result`,
    );
  },
};
