import {
  type CheckResult,
  describeFailure,
  type Finding,
  renderText,
  toJsonReport,
} from '@slipway/policy-core';
import * as z from 'zod/mini';

/**
 * Findings as `slipway check --format json` writes them (toJsonReport, the JSON contract other
 * tools read), so that an agent reading the tool's data and a CI job reading the report see the
 * same fields. The schema names the fields an agent acts on; the rest pass as they are.
 */
const position = { line: z.number(), column: z.number(), endLine: z.number(), endColumn: z.number() };

export const findingsReportShape = {
  version: z.literal(1),
  findings: z.array(
    z.looseObject({
      rule: z.string(),
      severity: z.enum(['error', 'warning', 'info']),
      message: z.string(),
      file: z.string(),
      ...position,
      related: z.array(z.looseObject({ file: z.string(), message: z.string(), ...position })),
      fixes: z.array(z.looseObject({ title: z.string() })),
    }),
  ),
  summary: z.looseObject({
    errors: z.number(),
    warnings: z.number(),
    infos: z.number(),
    filesChecked: z.number(),
  }),
  scope: z.optional(z.looseObject({})),
  /** Families whose rules failed to run: their findings are missing (never silent). */
  incomplete: z.array(z.string()),
};

/** The JSON report of `findings`, with the families that failed, and its text as `slipway check` prints it. */
export function findingsReport(
  result: Pick<CheckResult, 'failures' | 'scope'>,
  findings: readonly Finding[],
  filesChecked: number,
): { data: Record<string, unknown>; text: string } {
  const incomplete = result.failures.map(describeFailure);
  const data = { ...toJsonReport(findings, filesChecked, result.scope), incomplete };
  const text = [renderText(findings, filesChecked, result.scope).trimEnd(), ...incomplete].join('\n');
  return { data, text };
}
