/**
 * The deploy windows at promote: whether `deploy.windows.<env>` lets a promote run now, as a
 * precondition line, and what a break-glass override (a human approver and a reason) turns a
 * refusal into. The calendar itself is `windows/`; this says what a promote makes of it.
 */
import type { PolicyDocument } from '../../policy/document.js';
import { compileWindows, verdictText, windowVerdict } from '../../windows/index.js';
import type { Actor } from '../record-schema.js';
import { namesAgent } from './agent-identity.js';
import { DeployError } from './deploy-error.js';
import type { Precondition } from './promote-checks.js';

/** A break-glass override as asked for: who approved it; the reason is the promote's --reason. */
export interface BreakGlass {
  approver: string;
}

export interface WindowCheck {
  check: Precondition;
  /** A window refused and break-glass overrode it: the BREAK_GLASS audit event's details. */
  overridden?: string[];
}

/**
 * The window check for a promote to `environment` at `now`; undefined when the policy gives
 * that environment no windows (nothing to say, and nothing computed) and no override was asked
 * for (one asked for where no window is says it was not used, rather than nothing).
 */
export function windowCheck(
  doc: PolicyDocument,
  environment: string,
  now: Date,
  breakGlass?: BreakGlass,
): WindowCheck | undefined {
  const config = doc.policy.deploy?.windows?.[environment];
  if (!config)
    return breakGlass
      ? {
          check: {
            name: 'window',
            ok: true,
            detail: `deploy.windows gives ${environment} no windows; --break-glass not used`,
          },
        }
      : undefined;
  const compiled = compileWindows(config);
  // The schema refused these when the policy was read; a document built otherwise still says why.
  if (!compiled.ok)
    return {
      check: {
        name: 'window',
        ok: false,
        detail: compiled.problems
          .map((p) => `deploy.windows.${environment}.${p.path.join('.')}: ${p.message}`)
          .join('; '),
      },
    };
  const verdict = windowVerdict(compiled.windows, now.getTime());
  const detail = verdictText(compiled.windows, verdict);
  if (verdict.open)
    return {
      check: {
        name: 'window',
        ok: true,
        detail: breakGlass ? `${detail}; --break-glass not used: no window holds this promote` : detail,
      },
    };
  if (!breakGlass)
    return {
      check: {
        name: 'window',
        ok: false,
        detail: `${detail}; a human may override with --break-glass --approver NAME --reason TEXT`,
      },
    };
  return {
    check: {
      name: 'window',
      ok: true,
      detail: `overridden by break-glass (approver ${breakGlass.approver}): ${detail}`,
    },
    overridden: [`approver: ${breakGlass.approver}`, `window: ${detail}`],
  };
}

/**
 * Who may break the glass: never an agent (neither acting nor named as the approver), and only
 * with a reason, since the override is the decision to deploy when the team said not to.
 */
export function assertBreakGlass(
  doc: PolicyDocument,
  actor: Actor,
  breakGlass: BreakGlass,
  reason: string | undefined,
): void {
  if (actor.kind === 'agent')
    throw new DeployError(
      'refused',
      `${actor.name} is an agent (the policy's agents, a preset, or the coding agent whose shell runs this): an agent may not override a deploy window; a human must run the promote with --break-glass.`,
    );
  const approver = breakGlass.approver.trim();
  if (approver === '')
    throw new DeployError(
      'usage',
      '--break-glass needs --approver NAME: the human who approved the override.',
    );
  if (namesAgent(doc, approver))
    throw new DeployError(
      'usage',
      `--approver ${approver} names an agent: a break-glass override is a human's decision; name the person who approved it.`,
    );
  if (!reason?.trim())
    throw new DeployError(
      'usage',
      '--break-glass needs --reason saying why the deploy window is overridden.',
    );
}
