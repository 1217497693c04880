import { FAMILY_NAMES, findRule, LIMITS, renderRuleDocs, ruleDocSections } from '@slipway/policy-core';
import * as z from 'zod/mini';
import { ruleSuggestion } from '../../rule-filter.js';
import { limitedString, withinLength } from '../argument-limits.js';
import type { McpTool } from '../tool.js';
import { answer, ToolRefusal } from '../tool-result.js';

export const explainRuleTool: McpTool = {
  name: 'explain_rule',
  config: {
    title: "A rule's documentation",
    description:
      'What a Slipway rule (MIG001, PATH003, AGT002 …) flags, why it matters, how to fix it and how to ' +
      'suppress or configure it: what `slipway explain <RULE-ID>` prints. Use it on a finding from check_change ' +
      'or lint_migration, or a rule may_edit names.',
    inputSchema: z.object({
      id: limitedString(LIMITS.mcp.ruleIdChars),
    }),
    outputSchema: z.object({
      id: z.string(),
      title: z.string(),
      family: z.string(),
      defaultSeverity: z.string(),
      sections: z.array(z.object({ heading: z.string(), body: z.string() })),
    }),
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  async run(_session, args) {
    const id = withinLength('id', String(args.id), LIMITS.mcp.ruleIdChars, 'name a rule like MIG001').trim();
    const rule = /^[A-Za-z]+\d+$/.test(id) ? findRule(id) : undefined;
    if (!rule)
      throw new ToolRefusal(
        `unknown rule \`${id}\`${ruleSuggestion(id)}; rule ids are a family and three digits, like MIG001`,
      );
    return answer(
      {
        id: rule.id,
        title: rule.title,
        family: `${FAMILY_NAMES[rule.family]} (${rule.family})`,
        defaultSeverity: rule.defaultSeverity,
        sections: ruleDocSections(rule),
      },
      renderRuleDocs(rule, 'text'),
    );
  },
};
