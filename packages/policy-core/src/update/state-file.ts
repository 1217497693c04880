import type * as z from 'zod/mini';
import { locateJson, parseJsonWithRanges } from '../deploy/json-with-ranges.js';
import { LIMITS, megabytes, NOT_TEXT, notTextAt } from '../limits.js';
import { updateStateSchema, versionFileSchema } from './update-state.js';

/**
 * How a state file of the updater is read, by the updater itself and by UPD003 alike, so that a
 * file the check passes is one the updater runs on: strict JSON as the deploy record is read (a
 * duplicate key refused — the safety counters must not say two things — nesting capped), then
 * the file's schema. Linear in the file: a long-lived bot's 100,000 resets are read in a fraction
 * of a second, and each problem is placed at its key from the one parse.
 */

/** The state files, by name, and what each holds. */
export const STATE_FILE_SCHEMAS = {
  'version.json': versionFileSchema,
  'update_state.json': updateStateSchema,
} as const;

/** One reason a state file is refused: a sentence starting with a verb ("is …", "at …"), and where. */
export interface StateFileProblem {
  message: string;
  start: number;
  end: number;
}

export type StateFileRead<T> = { ok: true; value: T } | { ok: false; problems: StateFileProblem[] };

export function readStateText<S extends z.ZodMiniType>(text: string, schema: S): StateFileRead<z.output<S>> {
  const { stateChars } = LIMITS.update;
  if (text.length > stateChars) {
    const message = `is ${megabytes(text.length)}, more than the ${megabytes(stateChars)} Slipway reads of one state file`;
    return { ok: false, problems: [{ message, start: 0, end: 0 }] };
  }
  const bad = notTextAt(text);
  if (bad !== -1) return { ok: false, problems: [{ message: NOT_TEXT, start: bad, end: bad + 1 }] };
  const parsed = parseJsonWithRanges(text);
  if (!parsed.ok)
    return {
      ok: false,
      problems: [{ message: `is not valid JSON (${parsed.message})`, start: parsed.offset, end: parsed.end }],
    };
  const result = schema.safeParse(parsed.value);
  if (result.success) return { ok: true, value: result.data as z.output<S> };
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const extra = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const at = extra.length ? [...path, extra[0] as string] : path;
    const where = at.length ? `"${at.join('.')}"` : 'the top level';
    const what = extra.length ? `unknown key(s) ${extra.map((k) => `"${k}"`).join(', ')}` : issue.message;
    const { start, end } = locateJson(parsed.node, at, 'key');
    return { message: `at ${where}: ${what}`, start, end };
  });
  return { ok: false, problems };
}
