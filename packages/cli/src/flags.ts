import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UserError } from './command.js';
import { suggestion } from './did-you-mean.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a command's flags strictly; an unknown flag, a missing value or a single-value flag
 * given twice is a UserError (exit 2) naming the command and the flag, never a stack trace.
 */
export function parseFlags<O extends Options>(
  command: string,
  argv: string[],
  options: O,
  allowPositionals = true,
) {
  const help = `(see \`slipway ${command} --help\`)`;
  const parsed = (() => {
    try {
      return parseArgs({ args: argv, options, allowPositionals, strict: true, tokens: true });
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      const known = Object.keys(options).map((o) => `--${o}`);
      const unknown = /^Unknown option '(--[^'=]+)'/.exec(msg)?.[1];
      const near = unknown ? suggestion(unknown, known) : '';
      throw new UserError(`${ambiguousValue(msg, argv, options) ?? firstLine(msg)}${near} ${help}`);
    }
  })();
  refuseRepeats(parsed.tokens, options, help);
  return parsed;
}

/**
 * Node refuses `--failures -1` in three lines of prose; a value that starts with a dash is
 * usually meant (a negative number, a reason like "-x"), so say how to pass it.
 */
function ambiguousValue(msg: string, argv: string[], options: Options): string | undefined {
  const raw = /^Option '([^']+)' argument is ambiguous/.exec(msg)?.[1];
  if (raw === undefined) return undefined;
  const long = raw.startsWith('--')
    ? raw
    : `--${Object.keys(options).find((k) => `-${options[k]?.short}` === raw) ?? raw.replace(/^-+/, '')}`;
  const at = argv.findIndex((a, i) => a === raw && argv[i + 1]?.startsWith('-'));
  const value = at >= 0 ? argv[at + 1] : '-VALUE';
  return `${long} needs a value; for a value starting with '-', write ${long}=${value}`;
}

function firstLine(msg: string): string {
  return msg.replace(/\. To specify a positional.*$/s, '').split('\n')[0] ?? msg;
}

/** Last-one-wins would silently act on a different environment or reason than one typed. */
function refuseRepeats(tokens: ReturnType<typeof parseArgs>['tokens'], options: Options, help: string): void {
  const seen = new Map<string, string>();
  for (const t of tokens ?? []) {
    if (t.kind !== 'option') continue;
    const o = options[t.name];
    if (o?.type !== 'string' || o.multiple) continue;
    const before = seen.get(t.name);
    if (before !== undefined)
      throw new UserError(
        `--${t.name} was given more than once (${JSON.stringify(before)}, then ${JSON.stringify(t.value ?? '')}); give it once ${help}`,
      );
    seen.set(t.name, t.value ?? '');
  }
}
