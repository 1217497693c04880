import { UserError } from './command.js';

// The report formats by name, apart from their renderers (output-format.ts): a command checks
// `--format` before it loads the rules and renderers, which it then loads while git runs.
export const FORMATS = ['text', 'json', 'sarif', 'github', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export function parseFormat(value: string | undefined, command: string): Format {
  const f = value ?? 'text';
  if (!(FORMATS as readonly string[]).includes(f))
    throw new UserError(
      `unknown format \`${f}\` for \`slipway ${command} --format\`; use one of ${FORMATS.join(', ')}`,
    );
  return f as Format;
}
