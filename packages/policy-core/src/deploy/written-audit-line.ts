import { AUDIT_EVENTS, AUDIT_OUTCOMES, type AuditEventName, type AuditOutcome } from './audit-event.js';
import { plainUtcMsAt, timestampMs } from './timestamp.js';

/**
 * The fields of an audit line that a reader of the whole log needs (delivery metrics), read
 * straight from its bytes.
 */
export interface WrittenLineFields {
  time: string;
  event: AuditEventName;
  environment: string;
  outcome: AuditOutcome;
  from: string | null;
  to: string | null;
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const HEAD = ascii('{"v":1,"time":"');
const EVENT = ascii('","event":"');
const ENVIRONMENT = ascii('","environment":"');
const FROM = ascii('","from":');
const TO = ascii(',"to":');
const ACTOR_NAME = ascii(',"actor":{"name":"');
const KIND = ascii('","kind":"');
const ACTOR_END = ascii('"},');
const REASON = ascii('"reason":"');
const PIN_TRUE = ascii('"pin":true,');
const PIN_FALSE = ascii('"pin":false,');
const OUTCOME = ascii('"outcome":"');
const DETAILS = ascii('","details":[');
const PREV = ascii('","prev":"');
const PREV_AFTER_LIST = ascii(',"prev":"');
const NULL = ascii('null');
const QUOTE = 0x22;
const COMMA = 0x2c;
const CLOSE_LIST = 0x5d;

/** Decodes `bytes[from, to)`, printable ASCII, to a string (node: Buffer's latin1 slice). */
export type AsciiDecoder = (bytes: Uint8Array, from: number, to: number) => string;

const fromCharCodes: AsciiDecoder = (bytes, from, to) =>
  String.fromCharCode.apply(null, bytes.subarray(from, to) as unknown as number[]);

/**
 * Reads the lines of one log: `fields` gives the fields of one line when it is laid out exactly
 * as `formatAuditLine` writes it (keys in its order, no spaces, strings of printable ASCII
 * without escapes) and holds a valid event; else undefined, and the caller judges the line as the
 * chain's reader does (`judgeAuditLine`). So this is a shortcut for the lines Slipway wrote,
 * never a second opinion: every line it accepts, JSON.parse and the event schema accept with the
 * same values (a test compares the two). The names of events, outcomes and environments and the
 * last SHAs seen are kept and reused, so a line costs its time's string and little else.
 */
export class WrittenLineReader {
  private bytes: Uint8Array = new Uint8Array(0);
  private at = 0;
  private end = 0;
  private readonly events = [...AUDIT_EVENTS] as string[];
  private readonly outcomes = [...AUDIT_OUTCOMES] as string[];
  private readonly kinds = ['human', 'agent', 'ci'];
  private readonly environments: string[] = [];
  private readonly shas: string[] = [];
  /** Where the last line `read` (or `fields`) accepted has its `prev`'s 64 hex digits. */
  prevAt = 0;
  // The last line `read` accepted: its fields, the time in milliseconds (`timestampMs`).
  private timeAt = 0;
  private timeLength = 0;
  timeMs = 0;
  // Placeholders until a line is accepted: no caller reads the fields before `read` or
  // `readLine` has said yes (metrics-audit-log reads them only then).
  // Stryker disable next-line StringLiteral: a placeholder, never read (above)
  event: AuditEventName = 'PROMOTE';
  // Stryker disable next-line StringLiteral: a placeholder, never read (above)
  environment = '';
  // Stryker disable next-line StringLiteral: a placeholder, never read (above)
  outcome: AuditOutcome = 'started';
  from: string | null = null;
  to: string | null = null;

  constructor(private readonly decode: AsciiDecoder = fromCharCodes) {}

  /** `bytes[start, end)` is the line without its line break. */
  fields(bytes: Uint8Array, start: number, end: number): WrittenLineFields | undefined {
    if (!this.read(bytes, start, end)) return undefined;
    const { event, environment, outcome, from, to } = this;
    return {
      time: this.decode(bytes, this.timeAt, this.timeAt + this.timeLength),
      event,
      environment,
      outcome,
      from,
      to,
    };
  }

  /**
   * `fields` without the object and the time's string (what `slipway metrics` reads of 100,000
   * lines): true when the line is accepted, its fields then in `timeMs`, `event`, `environment`,
   * `outcome`, `from` and `to` until the next call.
   */
  read(bytes: Uint8Array, start: number, end: number): boolean {
    return this.parse(bytes, start, end, true) === end;
  }

  /**
   * `read` of the line at `start` before its end is known (`limit`: the end of the bytes at
   * hand): where the line ends (its `\n`), or -1 when it is not a line `read` accepts. The line
   * as Slipway writes it ends just past its `prev`, so a reader of a whole chunk need not search
   * each line's end first. No byte the reading steps over can be a `\n` (strings refuse control
   * characters; the literals and hex digits hold none), so the end found is the line's.
   */
  readLine(bytes: Uint8Array, start: number, limit: number): number {
    return this.parse(bytes, start, limit, false);
  }

  /** The reading behind both: the line's end, or -1. */
  private parse(bytes: Uint8Array, start: number, end: number, exact: boolean): number {
    this.bytes = bytes;
    this.at = start;
    this.end = end;
    if (!this.take(HEAD)) return -1;
    const timeEnd = this.stringEnd();
    // Unterminated: refused here, and it would be anyway, as no literal matches at -1 (`take`).
    // Stryker disable next-line ConditionalExpression: read on at -1, the next literal refuses the line (above)
    if (timeEnd === -1) return -1;
    let timeMs = plainUtcMsAt(bytes, this.at, timeEnd);
    if (timeMs === undefined) {
      // Another shape (an offset, a fraction, a leap second): the text's own reading (NaN when
      // it is no timestamp).
      timeMs = timestampMs(this.decode(bytes, this.at, timeEnd));
    }
    this.timeAt = this.at;
    this.timeLength = timeEnd - this.at;
    this.at = timeEnd;
    if (Number.isNaN(timeMs) || !this.take(EVENT)) return -1;
    const event = this.known(this.events, 0);
    if (event === undefined || !this.take(ENVIRONMENT)) return -1;
    const environment = this.known(this.environments, 8);
    if (!environment || !this.take(FROM)) return -1;
    const from = this.sha();
    if (from === undefined || !this.take(TO)) return -1;
    const to = this.sha();
    if (to === undefined || !this.take(ACTOR_NAME)) return -1;
    // The actor's name: not empty, not read.
    const nameEnd = this.stringEnd();
    // Stryker disable next-line ConditionalExpression: read on at -1, the next literal refuses the line (as the time's)
    if (nameEnd === -1) return -1;
    if (nameEnd === this.at) return -1;
    this.at = nameEnd;
    if (!this.take(KIND) || this.known(this.kinds, 0) === undefined || !this.take(ACTOR_END)) return -1;
    if (this.take(REASON)) {
      if (!this.skipString() || bytes[this.at++] !== COMMA) return -1;
    }
    if (!this.take(PIN_TRUE)) this.take(PIN_FALSE);
    if (!this.take(OUTCOME)) return -1;
    const outcome = this.known(this.outcomes, 0);
    if (outcome === undefined) return -1;
    if (this.take(DETAILS)) {
      // Strings, comma-separated, to the closing bracket.
      if (bytes[this.at] !== CLOSE_LIST) {
        for (;;) {
          if (bytes[this.at++] !== QUOTE || !this.skipString()) return -1;
          if (bytes[this.at] !== COMMA) break;
          this.at++;
        }
      }
      if (bytes[this.at++] !== CLOSE_LIST || !this.take(PREV_AFTER_LIST)) return -1;
    } else if (!this.take(PREV)) return -1;
    const prevAt = this.at;
    this.prevAt = prevAt;
    const lineEnd = prevAt + 66;
    if (
      (exact ? lineEnd !== end : lineEnd >= end || bytes[lineEnd] !== 0x0a) /* \n */ ||
      !isHexAt(bytes, prevAt, 64) ||
      bytes[prevAt + 64] !== QUOTE ||
      bytes[prevAt + 65] !== 0x7d /* } */
    )
      return -1;
    this.timeMs = timeMs;
    this.event = event as AuditEventName;
    this.environment = environment;
    this.outcome = outcome as AuditOutcome;
    this.from = from;
    this.to = to;
    return lineEnd;
  }

  /** Steps over `lit` at `at`; false when the bytes there differ. */
  private take(lit: Uint8Array): boolean {
    const { bytes, at } = this;
    // A literal read past the end could only be part of a line longer than [start, end), which
    // the end check of `parse` refuses anyway: this is the early refusal, not the only one.
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: the early refusal (above)
    if (at + lit.length > this.end) return false;
    for (let k = 0; k < lit.length; k++) if (bytes[at + k] !== lit[k]) return false;
    this.at = at + lit.length;
    return true;
  }

  /** Where the string whose contents start at `at` closes, or -1 when a byte needs JSON's escapes or is not ASCII. */
  private stringEnd(): number {
    const { bytes, end } = this;
    // A quote found at `end` leaves nothing within the line for what must follow it: refused later.
    // Stryker disable next-line EqualityOperator: `<=` finds a string's end only at `end`, refused by the reading that follows
    for (let k = this.at; k < end; k++) {
      const c = bytes[k] as number;
      if (c === QUOTE) return k;
      if (c < 0x20 || c === 0x5c || c > 0x7e) return -1;
    }
    return -1;
  }

  /** Steps past a string's closing quote (its contents from `at`); false when it has none. */
  private skipString(): boolean {
    const close = this.stringEnd();
    this.at = close + 1;
    return close !== -1;
  }

  /**
   * The string at `at` when `names` holds it (`at` left on its closing quote), else undefined;
   * with `room`, a string not yet in `names` is added while it has fewer than that many.
   */
  private known(names: string[], room: number): string | undefined {
    const close = this.stringEnd();
    if (close === -1) return undefined;
    const at = this.at;
    this.at = close;
    for (const name of names)
      if (name.length === close - at && hexAtIs(this.bytes, at, name, name.length)) return name;
    if (room === 0) return undefined;
    const name = this.decode(this.bytes, at, close);
    // The names kept are a cache: one not kept is decoded again next time, with the same result.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: how many names are kept changes no reading (above)
    if (names.length < room) names.push(name);
    return name;
  }

  /** `null` or a quoted 40-hex SHA; undefined when neither. The last few are reused. */
  private sha(): string | null | undefined {
    const { bytes, at } = this;
    if (this.take(NULL)) return null;
    // Past the end: the early refusal, as in `take`.
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: the early refusal (above)
    if (at + 42 > this.end) return undefined;
    if (bytes[at] !== QUOTE || bytes[at + 41] !== QUOTE) return undefined;
    // A SHA seen lately is compared first: its bytes equal, they are hex digits (most lines). The
    // SHAs kept are a cache: a SHA missed here is checked and decoded below, with the same result.
    for (const sha of this.shas) {
      // Stryker disable next-line ConditionalExpression,BlockStatement: a cache miss reads the same SHA below
      if (hexAtIs(bytes, at + 1, sha, 40)) {
        this.at = at + 42;
        return sha;
      }
    }
    if (!isHexAt(bytes, at + 1, 40)) return undefined;
    this.at = at + 42;
    const sha = this.decode(bytes, at + 1, at + 41);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: how many SHAs are kept changes no reading (above)
    if (this.shas.length === 4) this.shas.pop();
    this.shas.unshift(sha);
    return sha;
  }
}

/** `length` lowercase hex digits at `at` (a SHA or a hash as Slipway writes them). */
function isHexAt(bytes: Uint8Array, at: number, length: number): boolean {
  for (let k = at; k < at + length; k++) {
    const c = bytes[k] as number;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** The `length` (64: a hash) ASCII characters at `at` are `hex`'s (or any ASCII text's). */
export function hexAtIs(bytes: Uint8Array, at: number, hex: string, length = 64): boolean {
  for (let k = 0; k < length; k++) if (bytes[at + k] !== hex.charCodeAt(k)) return false;
  return true;
}
