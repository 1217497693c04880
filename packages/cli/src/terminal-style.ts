import { styleText } from 'node:util';
import type { Writable } from 'node:stream';

type Style = Parameters<typeof styleText>[0];

/** Colours for a person at a terminal; identity functions otherwise. */
export interface Paint {
  on: boolean;
  (style: Style, text: string): string;
}

/**
 * Whether to colour what goes to `stream`: FORCE_COLOR (other than 0) forces it, NO_COLOR (any
 * value) turns it off, otherwise only a terminal that is not `dumb` gets colour. Node's
 * `util.styleText` paints; on Node 20 it does not look at the stream itself, so this decides.
 */
export function paintFor(stream: Writable, env: Record<string, string | undefined>): Paint {
  const force = env.FORCE_COLOR;
  const on =
    force !== undefined && force !== '0' && force !== 'false'
      ? true
      : env.NO_COLOR !== undefined && env.NO_COLOR !== ''
        ? false
        : (stream as { isTTY?: boolean }).isTTY === true && env.TERM !== 'dumb';
  const paint = ((style: Style, text: string) => (on ? styleText(style, text) : text)) as Paint;
  paint.on = on;
  return paint;
}

/** Columns of the terminal `stream` writes to; 100 when it is not one. */
export function columnsOf(stream: Writable): number {
  const columns = (stream as { columns?: number }).columns;
  return typeof columns === 'number' && columns >= 40 ? columns : 100;
}
