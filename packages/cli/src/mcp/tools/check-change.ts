import { printableLines } from '@slipway/policy-core';
import * as z from 'zod/mini';
import { judgeAhead } from '../../check-judge.js';
import { findingsReport, findingsReportShape } from '../findings-report.js';
import type { McpTool } from '../tool.js';
import { answer, ToolRefusal } from '../tool-result.js';

export const checkChangeTool: McpTool = {
  name: 'check_change',
  config: {
    title: 'Check the change against the policy',
    description:
      "`slipway check` on this repository: the working tree (uncommitted edits included) and the branch against its base, judged by the base's policy. " +
      'Findings as `--format json` reports them (rule, severity, message, file, line, fixes). Run it before you ' +
      'say the work is done; explain_rule tells what a rule wants.',
    inputSchema: z.object({}),
    outputSchema: z.object({ ...findingsReportShape, notice: z.optional(z.string()) }),
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  async run(session) {
    const { context, change } = await session.inTurn(() => session.open());
    const { notice, head } = context.governing;
    const result = await judgeAhead({
      policy: context.policy,
      ...(head ? { headPolicy: head } : {}),
      repo: context.repo,
      change,
      env: session.env,
      workspace: context.workspace,
    });
    // As `slipway check`: a baseline that cannot be read is a configuration error, not a clean report.
    if (result.baselineProblem) throw new ToolRefusal(result.baselineProblem);
    const { data, text } = findingsReport(result, result.findings, result.filesChecked.length);
    const said = notice ? printableLines(notice) : undefined;
    return answer(said ? { ...data, notice: said } : data, said ? `${said}\n${text}` : text);
  },
};
