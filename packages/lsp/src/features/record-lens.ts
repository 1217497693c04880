import { parseDeployRecord } from '@slipway/policy-core';
import type { Lens } from './migration-navigation.js';

/** "3 h ago", "2 days ago": how long production has run this SHA. */
export function ago(then: Date, now: Date): string {
  const minutes = Math.round((now.getTime() - then.getTime()) / 60_000);
  if (minutes < 0) return 'in the future';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/**
 * On line 1 of the deploy record: what production runs, since when, how it got there, and
 * whether it is pinned by a rollback (promote refuses until someone unpins it).
 */
export function recordLenses(text: string, now = new Date()): Lens[] {
  const { record } = parseDeployRecord(text);
  if (!record) return [];
  const parts = [
    `production: ${record.last_good_sha.slice(0, 7)}, deployed ${ago(new Date(record.deployed_at), now)}`,
  ];
  if (record.event === 'SYSTEM_CORRECTION_EVENT') parts.push('by a rollback');
  if (record.pinned) parts.push('pinned: promote is refused until it is unpinned');
  const line = { line: 0, character: 0 };
  return [{ range: { start: line, end: line }, title: parts.join(' · ') }];
}
