import { styleText } from 'node:util';
import type { Writable } from 'node:stream';
import { UserError } from './command.js';

type Style = Parameters<typeof styleText>[0];

/** Colours for a person at a terminal; identity functions otherwise. */
export interface Paint {
  on: boolean;
  (style: Style, text: string): string;
}

/**
 * Whether to colour what goes to `stream`: FORCE_COLOR (other than 0) forces it, NO_COLOR (any
 * value) turns it off, otherwise only a terminal that is not `dumb` gets colour. Node's
 * `util.styleText` paints, told not to second-guess this decision.
 */
export function paintFor(stream: Writable, env: Record<string, string | undefined>): Paint {
  const on = colorForced(env)
    ? true
    : env.NO_COLOR !== undefined && env.NO_COLOR !== ''
      ? false
      : (stream as { isTTY?: boolean }).isTTY === true && env.TERM !== 'dumb';
  // styleText would judge process.stdout itself (a pipe gets no colour, FORCE_COLOR or not):
  // the decision above is the one that counts.
  const paint = ((style: Style, text: string) =>
    on ? styleText(style, text, { validateStream: false }) : text) as Paint;
  paint.on = on;
  return paint;
}

const COLOR_MODES = ['auto', 'always', 'never'] as const;

/**
 * The environment the report decides colour by, with `--color` applied: `always` is
 * FORCE_COLOR, `never` is NO_COLOR (and no FORCE_COLOR), `auto` leaves both as they are.
 */
export function colorEnv(
  env: Record<string, string | undefined>,
  mode: string | undefined,
): Record<string, string | undefined> {
  if (mode === undefined || mode === 'auto') return env;
  if (mode === 'always') return { ...env, FORCE_COLOR: '1', NO_COLOR: undefined };
  if (mode === 'never') return { ...env, FORCE_COLOR: undefined, NO_COLOR: '1' };
  throw new UserError(`--color ${mode}: expected ${COLOR_MODES.join(', ')}`);
}

/** Colour asked for whatever the stream is (FORCE_COLOR other than 0 or false). */
export function colorForced(env: Record<string, string | undefined>): boolean {
  const force = env.FORCE_COLOR;
  return force !== undefined && force !== '0' && force !== 'false';
}

/** Columns of the terminal `stream` writes to; 100 when it is not one. */
export function columnsOf(stream: Writable): number {
  const columns = (stream as { columns?: number }).columns;
  return typeof columns === 'number' && columns >= 40 ? columns : 100;
}
