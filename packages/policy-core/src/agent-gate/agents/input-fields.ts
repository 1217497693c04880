/**
 * Reading a hook input's fields, for every agent's adapter: each field is checked for its type and
 * size where it is read, and a wrong one stops the reading with one sentence that names the field
 * (`tool_input.file_path is a number, not a string`). The adapters' `read` catches that sentence
 * and returns it: the gate then refuses the call (failing closed), and nothing throws out of an
 * adapter.
 */
import { LIMITS, nestingPastLimit } from '../../limits.js';
import { quoted } from '../reason-text.js';
import {
  type GateAgent,
  type HookInput,
  isAbsoluteAgentPath,
  type ReplaceEdit,
  type ToolCall,
} from '../tool-call.js';
import { withoutTrailingSlashes } from '../../trailing-slashes.js';

/** Why an input cannot be read; thrown inside an adapter's reading, returned by its `read`. */
export class InputError extends Error {}

export type Fields = Record<string, unknown>;

export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The hook input itself: a JSON object. */
export function inputObject(input: unknown): Fields {
  if (!isFields(input)) throw new InputError(wrong('the hook input', input, 'a JSON object'));
  return input;
}

/** `obj[key]` as an object (`where` names it in the message: `tool_input`). */
export function objectField(obj: Fields, key: string, where = key): Fields {
  const value = obj[key];
  if (!isFields(value)) throw new InputError(wrong(where, value, 'an object'));
  return value;
}

/** `obj[key]` as a string, at most `LIMITS.agentGate.textChars` long. */
export function stringField(obj: Fields, key: string, where = key): string {
  const value = obj[key];
  if (typeof value !== 'string') throw new InputError(wrong(where, value, 'a string'));
  return checkedText(value, where);
}

/** A file's path: a non-empty string (an empty one names the working directory, no file). */
export function pathField(obj: Fields, key: string, where = key): string {
  return nonEmptyPath(stringField(obj, key, where), where);
}

export function nonEmptyPath(path: string, where: string): string {
  if (path === '') throw new InputError(`${where} is empty`);
  return path;
}

/** `obj[key]` as a string, or undefined when it is absent (or null). */
export function optionalString(obj: Fields, key: string, where = key): string | undefined {
  return obj[key] === undefined || obj[key] === null ? undefined : stringField(obj, key, where);
}

/** `obj[key]` as a boolean, or undefined when it is absent (or null). */
export function optionalBoolean(obj: Fields, key: string, where = key): boolean | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new InputError(wrong(where, value, 'true or false'));
  return value;
}

/**
 * The one field of `keys` that is present (an agent has spelled one input two ways across its
 * releases). Two present with different values is refused: the gate cannot know which one the
 * agent acts on.
 */
export function oneOfStrings(obj: Fields, keys: string[], where: string): string {
  const present = keys.filter((key) => obj[key] !== undefined && obj[key] !== null);
  if (present.length === 0) throw new InputError(`${where}.${keys[0]} is missing`);
  const values = present.map((key) => stringField(obj, key, `${where}.${key}`));
  if (values.some((v) => v !== values[0])) {
    throw new InputError(`${where} gives ${present.join(' and ')} with different values`);
  }
  return values[0]!;
}

/** A tool's name: a non-empty string of bounded length. */
export function toolName(obj: Fields, key: string): string {
  const name = stringField(obj, key);
  if (name === '') throw new InputError(`${key} is empty`);
  if (name.length > LIMITS.agentGate.toolNameChars) {
    throw new InputError(
      `${key} has ${name.length} characters, past the limit of ${LIMITS.agentGate.toolNameChars}`,
    );
  }
  return name;
}

export function checkedText(text: string, where: string): string {
  if (text.length > LIMITS.agentGate.textChars) {
    throw new InputError(
      `${where} has ${text.length} characters, past the limit of ${LIMITS.agentGate.textChars}`,
    );
  }
  return text;
}

/** A JSON text inside the input (Copilot's `toolArgs`), parsed, its size and nesting bounded first. */
export function parseJsonText(text: string, where: string): unknown {
  checkedText(text, where);
  if (nestingPastLimit(text, LIMITS.agentGate.depth) !== -1) {
    throw new InputError(`${where} nests deeper than ${LIMITS.agentGate.depth} levels`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(`${where} is not valid JSON`);
  }
}

/**
 * One replacement, `oldText` non-empty: an empty one matches nowhere, or everywhere, in a tool
 * whose empty text no source says the meaning of (Claude's Edit and Gemini's replace, whose empty
 * text creates the file, read it with `replaceEdit`).
 */
export function textEdit(
  oldText: string,
  newText: string,
  replaceAll: boolean | undefined,
  where: string,
): ReplaceEdit {
  if (oldText === '') throw new InputError(`${where}: the text to replace is empty`);
  return replaceEdit(oldText, newText, replaceAll);
}

/** One replacement as given, `replaceAll` kept only when true. */
export function replaceEdit(oldText: string, newText: string, replaceAll: boolean | undefined): ReplaceEdit {
  return replaceAll ? { oldText, newText, replaceAll: true } : { oldText, newText };
}

/** `kind: unknown` for a tool the adapter does not know, or an MCP server's tool. */
export function unknownTool(tool: string, why: string): ToolCall {
  return { kind: 'unknown', tool, why };
}

/**
 * An adapter's `read`: the reading, with its InputError returned as the sentence it carries
 * (any other error too: an adapter must not throw at the hook, whose failure lets the call run).
 */
export function readInput(agent: GateAgent, read: () => Omit<HookInput, 'agent'>): HookInput | string {
  try {
    return { agent, ...read() };
  } catch (error) {
    if (error instanceof InputError) return error.message;
    return `the ${agent} hook input could not be read: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * The directory a shell command runs in: `dir` as given when absolute, else under the agent's
 * `cwd` (the node layer resolves the path and refuses one outside the repository).
 */
export function inDirectory(cwd: string | undefined, dir: string): string {
  if (dir.startsWith('/') || cwd === undefined) return dir;
  return `${withoutTrailingSlashes(cwd)}/${dir}`;
}

/**
 * `hook_event_name`, when the input gives one, must be the event the adapter answers: the same
 * answer means something else to another event (exit 2 after a tool ran only reports), so a hook
 * registered for the wrong event says so instead of seeming to guard.
 */
export function eventField(obj: Fields, expected: string): string | undefined {
  const event = optionalString(obj, 'hook_event_name');
  if (event !== undefined && event !== expected) {
    throw new InputError(`hook_event_name is ${quoted(event)}: the gate answers ${expected} only`);
  }
  return event;
}

/** `{cwd, session, event}` without the keys an input does not give. */
export function context(cwd: string | undefined, session: string | undefined, event: string | undefined) {
  if (cwd !== undefined && !isAbsoluteAgentPath(cwd)) {
    throw new InputError(`the working directory ${quoted(cwd)} is not an absolute path`);
  }
  return {
    ...(cwd === undefined ? {} : { cwd }),
    ...(session === undefined ? {} : { session }),
    ...(event === undefined ? {} : { event }),
  };
}

/** `tool_input.file_path is missing` / `… is a number, not a string`. */
export function wrong(where: string, value: unknown, expected: string): string {
  return value === undefined ? `${where} is missing` : `${where} is ${kindOf(value)}, not ${expected}`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
