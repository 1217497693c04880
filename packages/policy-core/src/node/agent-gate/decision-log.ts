import { closeSync, constants, fstatSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { GateDecision, HookInput } from '../../agent-gate/tool-call.js';
import { jsonText } from '../../output/json-text.js';
import { appendDurable } from '../atomic-write.js';
import { gitCommonDir } from '../deploy/git-ops.js';
import { readRange } from '../read-range.js';

/**
 * The agent gate's decision log: one JSON line per refusal (and per allowed call when the policy
 * asks), in the git directory, where no commit can put one and the gate refuses every tool call
 * that would write (a hand-edited line is not a decision, but it is not a repository file
 * either). Appended in one write and fsynced, so a killed hook leaves whole lines only.
 */
export interface DecisionEntry {
  at: string;
  agent: string;
  tool: string;
  verdict: GateDecision['verdict'];
  /** The files the call would write, repository-relative (or the command it would run). */
  what: string;
  session?: string;
  reasons: { rule: string; path?: string; message: string }[];
}

/** One line is at most this long: a 50 MB command is logged by its first part. */
const MAX_WHAT = 2000;
const MAX_MESSAGE = 2000;
/** The log is read from its end, this much at most: the newest decisions. */
const MAX_READ_BYTES = 4 * 1024 * 1024;

export async function decisionLogPath(root: string): Promise<string> {
  return join(await gitCommonDir(root), 'slipway', 'agent-decisions.jsonl');
}

export function decisionEntry(
  input: HookInput,
  what: string,
  decision: GateDecision,
  now: Date,
): DecisionEntry {
  return {
    at: now.toISOString(),
    agent: input.agent,
    tool: input.call.tool,
    verdict: decision.verdict,
    what: clip(what, MAX_WHAT),
    ...(input.session ? { session: clip(input.session, 200) } : {}),
    reasons: decision.reasons.map((r) => ({
      rule: r.ruleId,
      ...(r.path ? { path: r.path } : {}),
      message: clip(r.message, MAX_MESSAGE),
    })),
  };
}

export async function appendDecision(root: string, entry: DecisionEntry): Promise<void> {
  const path = await decisionLogPath(root);
  mkdirSync(join(path, '..'), { recursive: true });
  // No link followed: the file is Slipway's own, in the git directory.
  appendDurable(
    path,
    `${jsonText(entry, 0)}\n`,
    constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW,
  );
}

/** The newest `limit` decisions (0: all that the read holds), oldest first; lines that are not entries are skipped and counted. */
export async function readDecisions(
  root: string,
  limit: number,
): Promise<{ entries: DecisionEntry[]; unreadable: number; path: string }> {
  const path = await decisionLogPath(root);
  let text: string;
  try {
    text = readTail(path, MAX_READ_BYTES);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], unreadable: 0, path };
    throw err;
  }
  const entries: DecisionEntry[] = [];
  let unreadable = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      const e = JSON.parse(line) as DecisionEntry;
      if (typeof e?.verdict === 'string' && typeof e.agent === 'string' && Array.isArray(e.reasons))
        entries.push(e);
      else unreadable++;
    } catch {
      unreadable++;
    }
  }
  return { entries: limit > 0 ? entries.slice(-limit) : entries, unreadable, path };
}

/** The file's last `max` bytes, from a line start. */
function readTail(path: string, max: number): string {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const size = fstatSync(fd).size;
    const start = Math.max(0, size - max);
    const text = readRange(fd, start, size - start).toString('utf8');
    return start === 0 ? text : text.slice(text.indexOf('\n') + 1);
  } finally {
    closeSync(fd);
  }
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
