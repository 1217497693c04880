import type { PolicyPath } from '../../../policy/document.js';
import { AGENT_CAP_KEYS } from '../../../policy/schema/agents.js';
import { readsAsPsql } from '../../../policy/schema/migrations.js';
import type { Policy } from '../../../policy/schema/index.js';
import { RULE_IDS } from '../../../rule-ids.generated.js';
import { severityOverride } from '../../../severity-overrides.js';

/** One way a change's policy is weaker than the one on its base, with the head key it is about. */
export interface PolicyEffect {
  /** What it would do, completing "this change would …". */
  what: string;
  /** Where in the head's policy to point (the nearest existing key is used when it is gone). */
  at: PolicyPath;
  /** A `waivers:` entry added or extended: bounded by `until` and `max_waiver_days`. */
  waiver?: true;
}

const SEVERITY_RANK: Record<string, number> = { off: 0, info: 1, warning: 2, error: 3 };
const { protectedWithoutLabel, outsideAgentScope, agentEditsProtected, policySurfaceChanged } = RULE_IDS;
const SECTIONS = {
  protected: `protected paths (${protectedWithoutLabel}, ${agentEditsProtected})`,
  agents: `agent branches and scope (${outsideAgentScope}, ${agentEditsProtected}, BR*)`,
  dependencies: 'dependency pins and the lock (DEP*)',
  migrations: 'migrations (MIG*)',
  deploy: 'the deploy record and audit log (REC*, AUD*)',
  update: 'the self-update configuration (UPD*)',
} as const;

/**
 * What the head's policy loosens compared with the base's: protection removed, an agent's scope
 * widened, a rule switched off, label verification dropped. Tightening is not reported.
 */
export function weakenings(base: Policy, head: Policy, knownIds: ReadonlySet<string>): PolicyEffect[] {
  const out: PolicyEffect[] = [];
  for (const [key, what] of Object.entries(SECTIONS) as [keyof typeof SECTIONS, string][])
    if (base[key] !== undefined && head[key] === undefined)
      out.push({ what: `stop checking ${what}: the \`${key}:\` section is removed`, at: [] });
  if (base.production_branch !== head.production_branch)
    out.push({
      what: `move the production branch from \`${base.production_branch}\` to \`${head.production_branch}\``,
      at: ['production_branch'],
    });
  if (base.protected && head.protected) {
    for (const p of removed(base.protected.paths, head.protected.paths))
      out.push({ what: `unprotect \`${p}\` (removed from protected.paths)`, at: ['protected', 'paths'] });
    out.push(...negationsAdded(base.protected.paths, head.protected.paths, ['protected', 'paths']));
    if (base.protected.label !== head.protected.label)
      out.push({
        what: `accept the label \`${head.protected.label}\` instead of \`${base.protected.label}\` as approval`,
        at: ['protected', 'label'],
      });
  }
  if (base.agents && head.agents) {
    const baseAllowed = base.agents.allowed;
    if (baseAllowed && !head.agents.allowed)
      out.push({
        what: 'drop agents.allowed, so agents may edit any file that is not protected',
        at: ['agents'],
      });
    else if (baseAllowed)
      head.agents.allowed?.forEach((p, i) => {
        if (!baseAllowed.includes(p))
          out.push({ what: `widen agents.allowed with \`${p}\``, at: ['agents', 'allowed', i] });
      });
    for (const key of ['branches', 'identities', 'accounts'] as const) {
      for (const p of removed(base.agents[key], head.agents[key]))
        out.push({
          what: `stop treating \`${p}\` as an agent (removed from agents.${key})`,
          at: ['agents', key],
        });
      out.push(...negationsAdded(base.agents[key], head.agents[key], ['agents', key]));
    }
  }
  out.push(...agentLoosenings(base, head));
  const surfaceBase = base.policy_surface;
  const surfaceHead = head.policy_surface;
  (surfaceHead?.opt_out ?? []).forEach((p, i) => {
    if (!surfaceBase?.opt_out.includes(p))
      out.push({
        what: `take \`${p}\` out of the protected policy surface (${policySurfaceChanged})`,
        at: ['policy_surface', 'opt_out', i],
      });
  });
  // The defaults come before the extras (the last match decides): a `!pattern` there takes a
  // default entry (.gitattributes, CODEOWNERS) off the surface, as an opt_out would, with no
  // extra entry on the base to take back.
  // Stryker disable next-line ArrayDeclaration: a head with no policy_surface has no entry; a made-up one has no leading ! and takes no base entry's place
  const headExtra = surfaceHead?.extra ?? [];
  headExtra.forEach((p, i) => {
    // Stryker disable next-line OptionalChaining: `extra` is defaulted to [] by the schema whenever the section is there
    if (p.startsWith('!') && !surfaceBase?.extra?.includes(p))
      out.push({
        what: `take \`${p.slice(1)}\` out of the protected policy surface with \`${p}\` under policy_surface.extra (${policySurfaceChanged})`,
        at: ['policy_surface', 'extra', i],
      });
  });
  if (base.migrations && head.migrations)
    out.push(...negationsAdded(base.migrations.sql, head.migrations.sql, ['migrations', 'sql']));
  for (const p of removed(surfaceBase?.extra ?? [], headExtra))
    out.push({
      what: `stop protecting \`${p}\` as policy surface (${policySurfaceChanged})`,
      at: ['policy_surface', 'extra'],
    });
  // Another runner reads other files or sections as the way back, out of the forward rules' sight.
  const runnerBefore = base.migrations?.sql_runner ?? 'plain';
  const runnerAfter = head.migrations?.sql_runner ?? 'plain';
  const bothRead = base.migrations !== undefined && head.migrations !== undefined;
  // psql → plain: a swap whose copy may fail before its drop is no longer refused (MIG001).
  if (bothRead && runnerBefore === 'psql' && runnerAfter === 'plain')
    out.push({
      what: 'read the .sql migrations as run by a tool that stops at a failed statement (was psql, which goes on): a swap whose copy may fail before its drop is no longer refused',
      at: ['migrations', 'sql_runner'],
    });
  if (bothRead && runnerAfter !== runnerBefore && !readsAsPsql(runnerAfter))
    out.push({
      what:
        runnerAfter === 'prisma' || runnerAfter === 'drizzle'
          ? `read the .sql migrations as ${runnerAfter} runs them (was ${runnerBefore}): their statements are cut and ordered as ${runnerAfter} does, no longer as ${runnerBefore} would`
          : `read the .sql migrations as ${runnerAfter} runs them (was ${runnerBefore}): what ${runnerAfter} keeps as the way back is no longer judged as forward DDL`,
      at: ['migrations', 'sql_runner'],
    });
  // The deploy record and audit log the AUD/REC rules read: a fresh file would start a fresh chain.
  for (const key of ['record', 'audit_log'] as const)
    if (base.deploy && head.deploy && base.deploy[key] !== head.deploy[key])
      out.push({
        what: `read deploy.${key} from \`${head.deploy[key]}\` instead of \`${base.deploy[key]}\``,
        at: ['deploy', key],
      });
  if (base.labels?.verify === 'github' && head.labels?.verify !== 'github')
    out.push({ what: 'stop verifying who applied approval labels (labels.verify)', at: ['labels'] });
  // A waiver lifts findings until its day: one added, or one whose terms changed, is an exception.
  // Stryker disable next-line ArrayDeclaration: no head waiver serialises as a bare string, so a made-up base entry matches none
  const waiversBefore = new Set((base.waivers ?? []).map((w) => JSON.stringify(w)));
  (head.waivers ?? []).forEach((w, i) => {
    if (!waiversBefore.has(JSON.stringify(w)))
      out.push({
        what: `waive ${w.rule} for ${w.paths.map((p) => `\`${p}\``).join(', ')} until ${w.until} (waivers)`,
        at: ['waivers', i],
        waiver: true,
      });
  });
  for (const [id, value] of Object.entries(head.rules)) {
    const before = base.rules[id];
    const now = rankOf(value);
    // An unknown id or severity is POL003's; it switches nothing off.
    if (now === undefined || !knownIds.has(id)) continue;
    // Unset means the rule's default (so does a setting the engine ignores, as `[off]`); any
    // explicit lower setting may be a weakening, `off` surely is. A setting kept as it was has
    // the rank it had, and lowers nothing.
    const was = rankOf(before);
    if (
      (was === undefined && now < 3) ||
      (was !== undefined &&
        // Stryker disable next-line EqualityOperator: equal ranks are the same word: a setting kept as it was
        now < was)
    )
      out.push({
        what: `set ${id} to \`${value}\`${before === undefined ? '' : ` (was \`${before}\`)`}`,
        at: ['rules', id],
      });
  }
  return out;
}

/**
 * A severity's rank, as the engine applies it (severityOverride): anything but the four words
 * (`[off]`, `constructor`) overrides nothing, so it lowers nothing.
 */
function rankOf(value: unknown): number | undefined {
  const severity = severityOverride(value);
  return severity === undefined ? undefined : SEVERITY_RANK[severity];
}

function removed(before: readonly string[], after: readonly string[]): string[] {
  return before.filter((p) => !after.includes(p));
}

/**
 * `!pattern`s the head adds to a pattern list the base has: the last matching pattern decides, so
 * one takes back out what the base's patterns put in (`!ledger/core/` after the base's
 * `ledger/core/`) without removing any of them; a merged base's list is appended to, never cut.
 */
function negationsAdded(
  before: readonly string[] | undefined,
  after: readonly string[] | undefined,
  at: PolicyPath,
): PolicyEffect[] {
  if (!before?.length || !after) return [];
  return after.flatMap((p, i) =>
    p.startsWith('!') && !before.includes(p)
      ? [{ what: `take \`${p.slice(1)}\` back out of ${at.join('.')} with \`${p}\``, at: [...at, i] }]
      : [],
  );
}

/**
 * A preset turned off (presets are on with no `agents:` section at all, so against the base's
 * list) and a cap on agent changes raised or dropped.
 */
function agentLoosenings(base: Policy, head: Policy): PolicyEffect[] {
  const out: PolicyEffect[] = [];
  const offBefore = new Set((base.agents?.presets_off ?? []).map((o) => o.preset));
  (head.agents?.presets_off ?? []).forEach((o, i) => {
    if (!offBefore.has(o.preset))
      out.push({
        what: `stop recognising the ${o.preset} preset's changes as an agent's (agents.presets_off)`,
        at: ['agents', 'presets_off', i],
      });
  });
  for (const key of AGENT_CAP_KEYS) {
    const before = base.agents?.limits?.[key];
    const after = head.agents?.limits?.[key];
    if (before === undefined || (after !== undefined && after <= before)) continue;
    out.push(
      after === undefined
        ? { what: `drop the cap agents.limits.${key} (${before})`, at: ['agents', 'limits'] }
        : {
            what: `raise the cap agents.limits.${key} from ${before} to ${after}`,
            at: ['agents', 'limits', key],
          },
    );
  }
  out.push(...botLoosenings(base, head));
  if (head.hooks?.fail_open === true && base.hooks?.fail_open !== true)
    out.push({
      what: 'let tool calls the agent gate cannot judge through (hooks.fail_open)',
      at: ['hooks', 'fail_open'],
    });
  const days = base.max_waiver_days;
  const after = head.max_waiver_days;
  if (days !== undefined && (after === undefined || after > days))
    out.push(
      after === undefined
        ? { what: `drop max_waiver_days (${days}): suppression comments may last forever`, at: [] }
        : { what: `raise max_waiver_days from ${days} to ${after}`, at: ['max_waiver_days'] },
    );
  return out;
}

/**
 * The bots' own allow-list dropped or widened, and their caps raised: a bot's caps are
 * `agents.bots.limits` when set, else `agents.limits`, so either side can raise them.
 */
function botLoosenings(base: Policy, head: Policy): PolicyEffect[] {
  const out: PolicyEffect[] = [];
  const before = base.agents?.bots?.allowed;
  const after = head.agents?.bots?.allowed;
  if (before && !after)
    out.push({
      what: 'drop agents.bots.allowed, so bots are no longer held to an allow-list',
      at: ['agents'],
    });
  else if (before)
    after?.forEach((p, i) => {
      if (!before.includes(p))
        out.push({ what: `widen agents.bots.allowed with \`${p}\``, at: ['agents', 'bots', 'allowed', i] });
    });
  const capsBefore = base.agents?.bots?.limits ?? base.agents?.limits;
  const capsAfter = head.agents?.bots?.limits ?? head.agents?.limits;
  const keyAfter = head.agents?.bots?.limits ? ['agents', 'bots', 'limits'] : ['agents', 'limits'];
  for (const key of AGENT_CAP_KEYS) {
    const was = capsBefore?.[key];
    const now = capsAfter?.[key];
    if (was === undefined || (now !== undefined && now <= was)) continue;
    // The agents' own cap raised is said above; here only what bots gain beyond it.
    if (!base.agents?.bots?.limits && !head.agents?.bots?.limits) continue;
    out.push({
      what:
        now === undefined
          ? `drop the cap on a bot's change for ${key} (${was})`
          : `raise the cap on a bot's change for ${key} from ${was} to ${now}`,
      at: now === undefined ? ['agents'] : [...keyAfter, key],
    });
  }
  return out;
}
