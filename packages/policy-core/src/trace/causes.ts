import { missingColumn, missingExtension, missingName } from './entity-names.js';
import type { NotTraced, TracePlan } from './plan-types.js';
import type { SetupError, TracedStatement, TraceReport } from './report.js';

/**
 * Why each step was not traced or failed, in words the summary counts steps under. A step that
 * failed only for want of what an earlier step would have made (`relation "users" does not
 * exist` after `users` was not traced) is a follow-on: it is counted under that step's cause and
 * not printed on its own, so one custom type or one missing extension is one line of the report,
 * not one per later step. Pure: the plan says what each statement makes, the run what failed.
 */

type Run = Pick<TraceReport, 'statements' | 'notTraced' | 'setupErrors' | 'assumed'>;

/** The cause a not-traced step is counted under. */
export const causeOf = (n: NotTraced): string => n.cause ?? n.reason;

/** `relation "…"`: names left out, so that one kind of failure is one cause. */
const general = (error: string) => error.replace(/"[^"]*"/g, '"…"');

/**
 * The cause of a step that needs what no traced step made: most often a table an untraced step
 * made (a project's `initial.py` calling its own modules). One cause for every such name, which
 * the summary lists (summary.ts), so that forty missing tables are one line.
 */
export const NEVER_MADE = 'needs what no traced step made (an untraced step may have made it)';

export function attributeCauses(plan: TracePlan, run: Run): Run {
  // What each name was to be made by: the cause of the step that did not make it.
  const pending = new Map<string, string>();
  const columns = new Map<string, string>();
  const note = (names: readonly string[] | undefined, cause: string) => {
    for (const n of names ?? []) {
      if (!pending.has(n)) pending.set(n, cause);
      const dot = n.lastIndexOf('.');
      if (dot > 0 && !columns.has(n.slice(dot + 1))) columns.set(n.slice(dot + 1), cause);
    }
  };
  const notTraced = run.notTraced.map((n) => {
    const cause = causeOf(n);
    note(n.makes, cause);
    return n.cause === undefined ? { ...n, cause } : n;
  });
  const extensions: string[] = [];
  const attribute = (error: string): { cause: string; followOn?: true } => {
    const extension = missingExtension(error);
    if (extension !== undefined) {
      const cause = `extension ${extension}: the embedded PostgreSQL does not have it`;
      extensions.push(cause);
      return { cause };
    }
    const name = missingName(error);
    const earlier = name !== undefined ? pending.get(name) : columns.get(missingColumn(error) ?? '');
    if (earlier !== undefined) return { cause: earlier, followOn: true };
    // A type or function an extension would have brought, when one could not be created.
    if (name !== undefined && /^(type|function) /.test(name) && extensions[0] !== undefined)
      return { cause: extensions[0], followOn: true };
    // Nothing traced made it: the first step to need it fails on its own (no earlier step is
    // known to be at fault); every later one that needs it follows from that.
    if (name !== undefined) {
      pending.set(name, NEVER_MADE);
      return { cause: NEVER_MADE };
    }
    return { cause: `PostgreSQL: ${general(error)}` };
  };
  // The setup's statements by place, for what a failed one would have made.
  const setupMakes = new Map<string, string[]>();
  for (const s of plan.setup)
    if (s.makes)
      setupMakes.set(`${s.file}:${s.line}`, [...(setupMakes.get(`${s.file}:${s.line}`) ?? []), ...s.makes]);
  const setupErrors = run.setupErrors.map((e): SetupError => {
    const c = attribute(e.error);
    note(setupMakes.get(`${e.file}:${e.line}`), c.cause);
    return { ...e, ...c };
  });
  // Why what a statement skipped as not there is missing: the step that would have made it, or
  // none (then how much of the schema before it failed to build, which may be why).
  const absent = (skipped: readonly string[]): string | undefined => {
    const name = skipped.map((n) => missingName(n)).find((n) => n !== undefined);
    if (name === undefined) return undefined;
    const earlier = pending.get(name);
    if (earlier !== undefined) return `the step that makes it was not traced or failed (${earlier})`;
    const failed = run.setupErrors.length;
    return `no earlier step made it${failed > 0 ? ` (${failed} of ${plan.setup.length} statements building the schema before it failed)` : ''}`;
  };
  // The traced statements ran in the plan's order, one result each.
  const statements = run.statements.map((s, i): TracedStatement => {
    if (s.skipped) {
      const because = absent(s.skipped);
      return because === undefined ? s : { ...s, skippedBecause: because };
    }
    if (s.status !== 'error') return s;
    const c = attribute(s.error ?? '');
    note(plan.traced[i]?.makes, c.cause);
    return { ...s, ...c };
  });
  return { statements, notTraced, setupErrors, ...(run.assumed ? { assumed: run.assumed } : {}) };
}
