import { printable, type StatusParams } from '@slipway/lsp/protocol';

/**
 * The repository's text (a trailer, a branch, the record's SHA) in the status item's label: the
 * text format's escaping, and `$(` escaped, which VS Code would draw as an icon.
 */
const label = (text: string) => printable(text).replace(/\$\(/g, '\\$(');

/** "5 min ago" from an ISO time; the status item is read at a glance. */
export function ago(iso: string | undefined, now = Date.now()): string {
  const t = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(t)) return '';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

/**
 * One repository's state in words and icons: the findings (or the policy's trouble), the last
 * guard run, an agent branch, the last production deploy and a pin. Returns [text, tooltip, background].
 */
export type Alarm = 'error' | 'warning' | undefined;

export function statusText(s: StatusParams, now = Date.now()): [string, string, Alarm] {
  const tooltip = [s.message];
  // The tooltip is plain text, line by line: no control character of the repository's in it.
  const tip = () => tooltip.map(printable).join('\n');
  if (s.restricted)
    tooltip.push('Restricted Mode: findings of open files only; trust the workspace to deploy.');
  if (s.kind === 'invalid-policy') return ['$(error) Slipway: policy invalid', tip(), 'error'];
  if (s.kind === 'failed') return ['$(error) Slipway: check failed', tip(), 'error'];
  if (s.kind === 'no-policy' && s.nestedPolicies?.length)
    return [
      `$(shield) Slipway: ${s.nestedPolicies.length} nested ${s.nestedPolicies.length === 1 ? 'policy' : 'policies'}`,
      tip(),
      undefined,
    ];
  if (s.kind === 'no-policy') return ['$(circle-slash) Slipway: no policy', tip(), undefined];
  const parts = [`$(shield) Slipway $(error) ${s.errors} $(warning) ${s.warnings}`];
  if (s.guard) {
    parts.push(s.guard.blocked ? '$(circle-slash) guard: blocked' : '$(pass) guard: passed');
    tooltip.push(
      `Last deploy guard: ${s.guard.errors} error(s), ${s.guard.warnings} warning(s)${s.guard.blocked ? ', a deploy would be refused' : ''}.`,
    );
  }
  if (s.agent && s.bot) {
    parts.push(`$(robot) bot change${s.agentShort ? ` (${label(s.agentShort)})` : ''}`);
    tooltip.push(
      `This change is a bot's: ${s.agent}. Paths are judged as for people (the label lifts them) unless the policy gives bots a list of their own (agents.bots.allowed); the caps of agents.bots.limits, else agents.limits, apply.`,
    );
  } else if (s.agent) {
    // Which signal decided, at a glance: "agent change (Co-authored-by: Claude, commit abc1234)".
    parts.push(
      `$(robot) ${s.agentBranch ? 'agent branch' : 'agent change'}${s.agentShort ? ` (${label(s.agentShort)})` : ''}`,
    );
    tooltip.push(
      `This change is an agent's: ${s.agent}. The agent rules apply: agents.allowed, protected paths for agents, the caps of agents.limits.`,
    );
  }
  if (s.production) {
    const when = ago(s.production.at, now);
    parts.push(`$(rocket) prod ${label(s.production.sha.slice(0, 7))}${when ? ` ${when}` : ''}`);
    tooltip.push(
      `Production runs ${s.production.sha}${s.production.at ? `, deployed ${s.production.at}` : ''}.`,
    );
    if (s.production.pinned) {
      parts.push('$(pinned) pinned');
      tooltip.push(
        `Production is pinned after a rollback${s.production.pinReason ? ` (${s.production.pinReason})` : ''}: promotes are refused until "Slipway: Unpin Production…".`,
      );
    }
  }
  return [parts.join('  '), tip(), s.production?.pinned ? 'warning' : undefined];
}
