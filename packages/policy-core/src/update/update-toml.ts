import TOML from '@iarna/toml';
import { LIMITS, megabytes, NOT_TEXT, nestingPastLimit, notTextAt } from '../limits.js';
import type * as z from 'zod/mini';
import type { Range } from '../finding.js';
import { LineIndex } from '../text-position.js';
import { type UpdateConfig, updateFileSchema } from './update-config.js';
import { locateTomlPath } from './toml-locate.js';

/** One thing wrong with update.toml, pinned to the offending key (or the syntax error). */
export interface UpdateConfigProblem {
  message: string;
  range: Range;
  /** Key path of the problem, e.g. ['update', 'interval_minutes']; empty for syntax errors. */
  path: (string | number)[];
}

export type UpdateTomlResult =
  | { ok: true; config: UpdateConfig; raw: Record<string, unknown> }
  /** `raw` is the parsed TOML when only the schema failed (so other checks can still read it). */
  | { ok: false; problems: UpdateConfigProblem[]; raw?: Record<string, unknown> };

interface TomlSyntaxError {
  line: number;
  col: number;
  message: string;
}

const isTomlError = (e: unknown): e is TomlSyntaxError =>
  typeof e === 'object' && e !== null && typeof (e as TomlSyntaxError).line === 'number';

/** Parses and validates the text of `config/update.toml`. Never throws on bad input. */
export function parseUpdateToml(text: string): UpdateTomlResult {
  const limit = updateLimitProblem(text);
  if (limit) return { ok: false, problems: [limit] };
  let raw: Record<string, unknown>;
  try {
    // Editors on Windows save a byte order mark; a space in its place keeps every offset.
    raw = TOML.parse(text.replace(/^\uFEFF/, ' ')) as Record<string, unknown>;
  } catch (err) {
    const lines = new LineIndex(text);
    if (isTomlError(err)) {
      const line = Math.min(err.line, lines.lineCount - 1);
      const lineText = lines.lineText(line);
      const character = Math.min(err.col, lineText.length);
      const first =
        err.message.split('\n')[0]?.replace(/ at row \d+, col \d+, pos \d+:?$/, '') ?? 'syntax error';
      return {
        ok: false,
        problems: [
          {
            message: `TOML syntax error: ${first}`,
            range: {
              start: { line, character },
              // To the end of the line: the parser's column can be the line's end itself.
              end: { line, character: lineText.length },
            },
            path: [],
          },
        ],
      };
    }
    return {
      ok: false,
      problems: [{ message: `TOML syntax error: ${String(err)}`, range: lines.lineRange(0), path: [] }],
    };
  }
  const parsed = updateFileSchema.safeParse(raw);
  if (parsed.success) return { ok: true, config: parsed.data.update, raw };
  return { ok: false, problems: parsed.error.issues.flatMap((issue) => describeIssue(text, issue)), raw };
}

function describeIssue(text: string, issue: z.core.$ZodIssue): UpdateConfigProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const where = path.length === 0 ? 'at the top level' : `in [${path.join('.')}]`;
    return issue.keys.map((key) => ({
      message: `unknown key "${key}" ${where}; remove it or check its spelling`,
      range: locateTomlPath(text, [...path, key]),
      path: [...path, key],
    }));
  }
  if (path.length === 1 && path[0] === 'update' && issue.code === 'invalid_type') {
    return [
      {
        message: 'missing [update] table: put the settings under an [update] header',
        range: locateTomlPath(text, path),
        path,
      },
    ];
  }
  return [{ message: `${keyName(path)}: ${issue.message}`, range: locateTomlPath(text, path), path }];
}

function keyName(path: (string | number)[]): string {
  const [table, ...rest] = path;
  const key = rest.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
  return `[${String(table)}]${key}`;
}

/** Size and nesting limits (limits.ts), checked before the TOML parser recurses. */
function updateLimitProblem(text: string): UpdateConfigProblem | undefined {
  const { chars, depth } = LIMITS.update;
  const lines = new LineIndex(text);
  if (text.length > chars)
    return {
      message: `the file is ${megabytes(text.length)}, more than the ${megabytes(chars)} an update config may be`,
      range: lines.lineRange(0),
      path: [],
    };
  const bad = notTextAt(text);
  if (bad !== -1)
    return { message: `the file ${NOT_TEXT}; save it as UTF-8`, range: lines.range(bad, bad + 1), path: [] };
  const at = nestingPastLimit(text, depth);
  if (at !== -1)
    return {
      message: `arrays and tables nest more than ${depth} levels deep; an update config needs two`,
      range: lines.range(at, at + 1),
      path: [],
    };
  return undefined;
}
