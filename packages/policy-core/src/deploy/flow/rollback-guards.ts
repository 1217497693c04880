import { logPin } from '../log-pin.js';
import type { Actor, DeployRecord } from '../record-schema.js';
import type { DeployFiles } from './deploy-files.js';
import { productionPin } from './pin-state.js';
import { backedOutOf } from './record-update.js';

const who = (a: Actor | undefined) => (a ? `${a.name} (${a.kind})` : 'an unrecorded actor');

/**
 * Why `rollback --to sha` must not go there: a rollback backed out of it (see backedOutOf).
 * Someone judged that SHA bad in production and said why; a rollback is the fast path that skips
 * staging, the guard and the human review of a promote, so it must never be the way a known-bad
 * SHA returns. The way back is the full gate: promote it again (after unpinning, if pinned).
 */
export function backedOutRefusal(record: DeployRecord, sha: string, pinned: boolean): string | undefined {
  const bad = backedOutOf(record, sha);
  if (!bad) return undefined;
  return `${sha.slice(0, 12)} was rolled back from on ${bad.at} by ${who(bad.actor)} because ${bad.reason ?? '(no reason recorded)'}; ship it again through promote (staging, guard, approval)${pinned ? ' after `slipway unpin --reason`' : ''}.`;
}

/**
 * Why a rollback must not run now: production is pinned and whoever asks is not a person, nor
 * names one (--approved-by).
 *
 * A pin says "production stays here until a person decides otherwise". A rollback moves
 * production and writes a new pin (its own reason, its own actor) over the old one, so letting an
 * agent or a CI job do it on its own say-so would let a machine overrule that decision: the
 * human's reason disappears from the record and production runs what no person chose. That
 * holds whoever set the pin: a pin from a person's rollback is a person's decision; one from the
 * watch is the automation's single move, after which the pipeline wants a person to look, and a
 * second automatic move is exactly the flapping "roll back once, then stop" prevents. It holds
 * for every target, the pinned SHA itself included (a redeploy still replaces the pin's reason
 * and actor). A person (at a terminal or named by --approved-by) may roll back further: the
 * pin's purpose is to stop automatic undoing, not a human's next decision. Without a pin, CI
 * keeps the pipeline's "Rollback to last good" on its own say-so; an agent never approves anyway.
 */
export function pinnedAgainstMachine(
  actor: Actor,
  state: DeployFiles,
  approvedBy: string | undefined,
): string | undefined {
  if (actor.kind === 'human' || approvedBy?.trim()) return undefined;
  const pin = productionPin(state);
  if (!pin) return undefined;
  let since = pin.time;
  let by: Actor | undefined;
  if (pin.source === 'record') {
    since = state.record?.deployed_at;
    by = state.record?.actor;
  } else {
    const line = logPin(state.log.entries, state.deploy.production)?.line;
    by = state.log.entries.find((e) => e.line === line)?.event.actor;
  }
  return `production is pinned to ${pin.sha.slice(0, 12)} since ${since ?? 'an unknown time'} by a rollback by ${who(by)} because ${pin.reason ?? '(no reason recorded)'}; ${who(actor)} needs --approved-by NAME of the person who decided to replace that pin.`;
}
