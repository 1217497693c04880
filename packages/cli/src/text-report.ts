import type { Writable } from 'node:stream';
import type { CheckScope, Finding } from '@slipway/policy-core';
import { render } from './output-format.js';
import { renderForTerminal } from './terminal-report.js';
import { colorForced, columnsOf, paintFor } from './terminal-style.js';

/**
 * The main report of check and guard: `--format text` to a terminal, or with colour forced
 * (FORCE_COLOR, `--color always`: a CI log that shows colours), is the grouped, coloured form
 * with code frames; anything else (another format, a plain pipe, --output) is the stable form.
 */
export function mainReport(
  format: Parameters<typeof render>[0],
  findings: readonly Finding[],
  filesChecked: number,
  to: { stdout: Writable; env: Record<string, string | undefined>; output?: string },
  textOf: (file: string) => string | undefined,
  scope?: CheckScope,
): string {
  const terminal =
    ((to.stdout as { isTTY?: boolean }).isTTY === true || colorForced(to.env)) && to.output === undefined;
  if (format !== 'text' || !terminal) return render(format, findings, filesChecked, scope);
  return renderForTerminal(findings, filesChecked, {
    scope,
    paint: paintFor(to.stdout, to.env),
    columns: columnsOf(to.stdout),
    textOf,
  });
}
