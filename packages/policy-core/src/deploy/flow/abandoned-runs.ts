import type { AuditEntry } from '../audit-chain.js';
import type { AuditEvent } from '../audit-event.js';
import type { NewEvent } from './deploy-files.js';

/**
 * The `started` lines no end line answers. Every promote, rollback and unpin writes `started`
 * before it acts and an end line (succeeded, failed, refused) after, under the deploy lock; a
 * run that was killed (SIGKILL, an editor that vanished, a machine that stopped) leaves only the
 * first. Under the lock no other run is under way, so an unanswered `started` is abandoned for
 * certain. An end answers the latest earlier `started` of the same event, environment, from
 * and to, which is how the flows write them.
 */
export function abandonedRuns(entries: readonly AuditEntry[]): AuditEntry[] {
  const open = new Map<string, AuditEntry>();
  for (const entry of entries) {
    const e = entry.event;
    const key = `${e.event}\u0000${e.environment}\u0000${e.from ?? ''}\u0000${e.to ?? ''}`;
    if (e.outcome === 'started') open.set(key, entry);
    else open.delete(key);
  }
  return [...open.values()].sort((a, b) => a.line - b.line);
}

/**
 * The end line that closes an abandoned run: `failed`, because nobody can say it succeeded,
 * with what is known and what a person must check. Written by whoever next holds the lock.
 */
export function abandonedEnd(started: AuditEvent, time: string, actor: AuditEvent['actor']): NewEvent {
  const target = started.to ? started.to.slice(0, 12) : 'its target';
  return {
    time,
    event: started.event,
    environment: started.environment,
    from: started.from,
    to: started.to,
    actor,
    ...(started.reason !== undefined ? { reason: started.reason } : {}),
    outcome: 'failed',
    details: [
      `abandoned: the run that logged "started" at ${started.time} (${started.actor.name}) ended without logging how it ended (the process was killed or its machine stopped); whether ${started.environment} runs ${target} is unknown: check it, then promote or roll back`,
    ],
  };
}
