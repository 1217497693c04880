import {
  AUDIT_EVENTS,
  AUDIT_OUTCOMES,
  type AuditEvent,
  type AuditEventName,
  type AuditOutcome,
} from '../audit-event.js';
import { timestampMs } from '../timestamp.js';

/**
 * What the figures read of one verified audit line: its 0-based line and what happened. An
 * `AuditEntry` is one; the node reader builds only these, for the lines that count.
 */
export interface MetricsEntry {
  line: number;
  event: Pick<AuditEvent, 'time' | 'event' | 'environment' | 'outcome' | 'from' | 'to'>;
}

/** No SHA (`null` in the line): the id a column holds for it. */
export const NO_SHA = -1;

const EVENT_CODE = new Map<string, number>(AUDIT_EVENTS.map((e, i) => [e, i]));
const OUTCOME_CODE = new Map<string, number>(AUDIT_OUTCOMES.map((o, i) => [o, i]));

/**
 * The lines the delivery figures count, as columns: one typed array per field instead of an
 * object (and a time string) per line. A 100,000-line log kept as objects is 150,000 objects the
 * young generation copies and promotes, and the figures then parse each time again; as columns
 * it is a few typed arrays, the time already in milliseconds, the event, outcome and environment
 * small numbers, each SHA an index into one table where every SHA is a single string.
 */
export class MetricsColumns {
  length = 0;
  line = new Int32Array(1024);
  /** Milliseconds since the epoch (`timestampMs` of the line's time: NaN for none). */
  time = new Float64Array(1024);
  /** Index in AUDIT_EVENTS. */
  event = new Uint8Array(1024);
  /** Index in AUDIT_OUTCOMES. */
  outcome = new Uint8Array(1024);
  /** Index in `environments`. */
  environment = new Int32Array(1024);
  /** Index in `shas`, or NO_SHA. */
  from = new Int32Array(1024);
  to = new Int32Array(1024);
  /** Each environment named, in the order first seen. */
  readonly environments: string[] = [];
  /** Each SHA named, in the order first seen: one string for all its lines. */
  readonly shas: string[] = [];
  private readonly shaIds = new Map<string, number>();
  private readonly environmentIds = new Map<string, number>();
  // The last SHA interned: a deploy's lines name the same one, and the reader hands the same string.
  private lastSha = '';
  private lastShaId = NO_SHA;

  /** Appends one line (names as the audit event holds them; time in ms). */
  push(
    line: number,
    time: number,
    event: AuditEventName,
    outcome: AuditOutcome,
    environment: string,
    from: string | null,
    to: string | null,
  ): void {
    if (this.length === this.line.length) this.grow();
    const i = this.length++;
    this.line[i] = line;
    this.time[i] = time;
    this.event[i] = EVENT_CODE.get(event) as number;
    this.outcome[i] = OUTCOME_CODE.get(outcome) as number;
    let env = this.environmentIds.get(environment);
    if (env === undefined) {
      env = this.environments.length;
      this.environments.push(environment);
      this.environmentIds.set(environment, env);
    }
    this.environment[i] = env;
    this.from[i] = this.shaId(from);
    this.to[i] = this.shaId(to);
  }

  /** The SHA of an id (`from` or `to`), null for NO_SHA. */
  sha(id: number): string | null {
    return id === NO_SHA ? null : (this.shas[id] as string);
  }

  eventName(i: number): AuditEventName {
    return AUDIT_EVENTS[this.event[i] as number] as AuditEventName;
  }

  outcomeName(i: number): AuditOutcome {
    return AUDIT_OUTCOMES[this.outcome[i] as number] as AuditOutcome;
  }

  environmentName(i: number): string {
    return this.environments[this.environment[i] as number] as string;
  }

  private shaId(sha: string | null): number {
    if (sha === null) return NO_SHA;
    if (sha === this.lastSha) return this.lastShaId;
    let id = this.shaIds.get(sha);
    if (id === undefined) {
      id = this.shas.length;
      this.shas.push(sha);
      this.shaIds.set(sha, id);
    }
    this.lastSha = sha;
    this.lastShaId = id;
    return id;
  }

  private grow(): void {
    const n = this.line.length * 2;
    const bigger = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.line = bigger(this.line, (k) => new Int32Array(k));
    this.time = bigger(this.time, (k) => new Float64Array(k));
    this.event = bigger(this.event, (k) => new Uint8Array(k));
    this.outcome = bigger(this.outcome, (k) => new Uint8Array(k));
    this.environment = bigger(this.environment, (k) => new Int32Array(k));
    this.from = bigger(this.from, (k) => new Int32Array(k));
    this.to = bigger(this.to, (k) => new Int32Array(k));
  }
}

/** Entries (the chain reader's, or a test's) as columns: what `deliveryMetrics` reads. */
export function columnsOf(entries: readonly MetricsEntry[]): MetricsColumns {
  const c = new MetricsColumns();
  // The schema admits a leap second (23:59:60), which Date.parse refuses: timestampMs reads it.
  for (const { line, event: e } of entries)
    c.push(line, timestampMs(e.time), e.event, e.outcome, e.environment, e.from, e.to);
  return c;
}
