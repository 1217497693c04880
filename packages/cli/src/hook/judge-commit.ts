import type { GateDecision, HookInput, ShellCommit } from '@slipway/policy-core';
import { strictest } from '@slipway/policy-core';
import { stagedWrites } from '@slipway/policy-core/node';
import { decide } from './decide-writes.js';
import type { GateContext } from './gate-context.js';

/**
 * A `git commit`'s decision: `onDisk` (the session's edits as the files hold them, and the
 * command's writes) and, where the index holds other text (stagedWrites), the change as the
 * commit records it, judged the same way; the strictest verdict wins, each reason said once.
 * When git cannot say what is staged, the commit is put to the human.
 */
export async function judgeCommit(
  gate: GateContext,
  input: HookInput,
  commit: ShellCommit,
  onDisk: GateDecision,
  env: Record<string, string | undefined>,
): Promise<GateDecision> {
  const how = commit.what;
  if (commit.indexMovedBy !== undefined)
    return merged(
      onDisk,
      asked(
        `\`${how}\` records the index as \`${commit.indexMovedBy}\` leaves it in the same command, which the gate cannot read before it runs`,
        'run the commit as a command of its own, or ask a human to approve it',
      ),
    );
  const staged = stagedWrites(gate.root, how, commit.takes !== 'index');
  if (staged === undefined)
    return merged(
      onDisk,
      asked(
        `\`${how}\` records what the index holds, which git could not list here`,
        'ask a human to approve the commit',
      ),
    );
  const tooMany: GateDecision =
    staged.tooMany === undefined
      ? { verdict: 'allow', reasons: [] }
      : asked(
          `\`${how}\` records ${staged.tooMany.toLocaleString('en-US')} staged files that differ from the disk; the first were judged`,
          'commit fewer files at a time, or ask a human to approve the commit',
        );
  if (staged.writes.length === 0) return merged(onDisk, tooMany);
  return merged(merged(onDisk, await decide(gate, input, staged.writes, env)), tooMany);
}

/** The gate's own question to a person about a commit. */
function asked(message: string, instead: string): GateDecision {
  return { verdict: 'ask', reasons: [{ ruleId: 'GATE', message, instead }] };
}

function merged(a: GateDecision, b: GateDecision): GateDecision {
  const seen = new Set(a.reasons.map((r) => JSON.stringify(r)));
  return {
    verdict: strictest([a.verdict, b.verdict]),
    reasons: [...a.reasons, ...b.reasons.filter((r) => !seen.has(JSON.stringify(r)))],
  };
}
