import { UserError } from './command.js';
import { FORMATS, type Format } from './format-names.js';
import { writeReport } from './write-output.js';

export interface ExtraReport {
  format: Format;
  file: string;
}

/**
 * `--report FORMAT:FILE` (repeatable): the same run's findings written again in another format,
 * so CI renders annotations, SARIF and a job summary from one check instead of running it twice.
 */
export function parseExtraReports(values: readonly string[] | undefined, command: string): ExtraReport[] {
  return (values ?? []).map((value) => {
    const colon = value.indexOf(':');
    const format = value.slice(0, colon);
    const file = value.slice(colon + 1);
    if (colon <= 0 || file === '' || !(FORMATS as readonly string[]).includes(format))
      throw new UserError(
        `\`slipway ${command} --report ${value}\`: give FORMAT:FILE, FORMAT one of ${FORMATS.join(', ')} (e.g. --report sarif:slipway.sarif)`,
      );
    return { format: format as Format, file };
  });
}

/** Writes each extra report (atomically, like --output). */
export function writeExtraReports(
  reports: readonly ExtraReport[],
  render: (format: Format) => string,
  cwd: string,
): void {
  for (const r of reports) writeReport(render(r.format), r.file, cwd, process.stdout);
}
