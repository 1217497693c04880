/**
 * The summary of a trace (summary.ts makes it): what it proved, then one entry per cause of what
 * it did not. Its own file so that the report's types name it without importing its maker.
 */

/** A step of the trace: its file and line. */
export interface StepPlace {
  file: string;
  line: number;
}

/** One cause, and the steps it accounts for. */
export interface TraceCause {
  cause: string;
  /** Steps not traced for it (not rendered, not run). */
  notTraced: number;
  /** Statements (earlier or traced) PostgreSQL rejected for it. */
  failed: number;
  /** Statements that failed only because an earlier step of this cause was not traced or failed. */
  followOns: number;
  first: StepPlace;
  /** What the steps it failed needed and no traced step made (causes.ts NEVER_MADE only). */
  missing?: string[];
}

/** A column type Slipway does not know, and the tables that were built with a stand-in for it. */
export interface StandInUse {
  type: string;
  ranAs: string;
  tables: string[];
  first: StepPlace;
}

export interface TraceSummary {
  /** The traced migrations' statements: how many ran, failed (follow-ons among them), ran on a stand-in type. */
  traced: { statements: number; ran: number; failed: number; followOns: number; withStandIn: number };
  /** The earlier migrations that built the schema: statements run (when known) and failed. */
  history: { statements?: number; failed: number };
  /** The static MIG findings on the traced lines, by the trace's verdict. */
  claims: { confirmed: number; refuted: number; 'not-measured': number; 'not-traced': number };
  /** Most steps first. */
  causes: TraceCause[];
  standIns: StandInUse[];
}
