import {
  compileWindows,
  type DeployWindow,
  jsonText,
  nextOpenings,
  openingText,
  printable,
  verdictText,
  windowText,
  windowVerdict,
} from '@slipway/policy-core';
import type { Command } from '../command.js';
import { UserError } from '../command.js';
import { deployFormat } from '../deploy/command-context.js';
import { parseFlags } from '../flags.js';
import { openPolicyContext } from '../repo-context.js';
import { useTzClock } from '@slipway/policy-core/node';

export const windowsCommand: Command = {
  name: 'windows',
  usage: `Usage: slipway windows [options]

Lists each environment's deploy windows (deploy.windows), whether a promote may run now, and the
next openings: the spans in which no deny window is open and, when the environment has allow
windows, one of them is. Times are in the environment's zone and in UTC.

Options:
  --env NAME       only this environment
  --count N        how many openings to list per environment (default 5, at most 100)
  --format FORMAT  text (default) or json
  --json           the same as --format json
  --repo DIR       repository (default: the working directory)`,
  run: async (ctx) => {
    useTzClock();
    const { values } = parseFlags(
      'windows',
      ctx.argv,
      {
        env: { type: 'string' },
        count: { type: 'string', default: '5' },
        json: { type: 'boolean', default: false },
        format: { type: 'string', default: 'text' },
        repo: { type: 'string' },
      },
      false,
    );
    const json = deployFormat('windows', values.format) || values.json === true;
    const count = Number(values.count);
    if (!Number.isInteger(count) || count < 1 || count > 100)
      throw new UserError(`--count must be a whole number from 1 to 100, not "${values.count}"`);
    const { policy } = await openPolicyContext(ctx.cwd, values.repo, async () => undefined);
    const deploy = policy.policy.deploy;
    if (!deploy)
      throw new UserError(
        `${policy.file}: the policy has no deploy: section; add one (see \`slipway init\`).`,
      );
    const names = Object.keys(deploy.environments);
    if (values.env !== undefined && !names.includes(values.env))
      throw new UserError(
        `${policy.file}: "${values.env}" is not an environment of deploy.environments (it defines ${names.map((n) => `"${n}"`).join(', ')})`,
      );
    const now = Date.now();
    const reports = (values.env !== undefined ? [values.env] : names).map((name) => {
      const config = deploy.windows?.[name];
      const compiled = config ? compileWindows(config) : undefined;
      // The schema compiled them when the policy was read: a failure here cannot pass that.
      const windows: readonly DeployWindow[] = compiled?.ok ? compiled.windows : [];
      return { name, zone: config?.timezone ?? 'UTC', windows, configured: config !== undefined };
    });
    if (json) {
      const out = reports.map((r) => {
        const v = windowVerdict(r.windows, now);
        return {
          environment: r.name,
          timezone: r.configured ? r.zone : null,
          open: v.open,
          ...(r.configured ? { detail: verdictText(r.windows, v) } : {}),
          windows: r.windows.map((w) => ({
            kind: w.kind,
            name: w.label,
            rule: w.rule,
            timezone: w.zone,
            durationMinutes: w.durationMinutes,
          })),
          openings: r.configured
            ? nextOpenings(r.windows, now, count).map((o) => ({
                start: new Date(o.start).toISOString(),
                end: o.openEnded ? null : new Date(o.end).toISOString(),
              }))
            : [],
        };
      });
      ctx.stdout.write(`${jsonText({ now: new Date(now).toISOString(), environments: out })}\n`);
      return 0;
    }
    const write = (line: string) => ctx.stdout.write(`${printable(line)}\n`);
    for (const r of reports) {
      if (!r.configured) {
        write(`${r.name}: no deploy windows; promotes may run at any time`);
        continue;
      }
      const v = windowVerdict(r.windows, now);
      write(`${r.name} (${r.zone}): ${v.open ? 'open' : 'closed'} now: ${verdictText(r.windows, v)}`);
      for (const w of r.windows) write(`  ${windowText(w)}`);
      write('  next openings:');
      const openings = nextOpenings(r.windows, now, count);
      if (openings.length === 0) write('    none within the next 400 days');
      for (const o of openings) write(`    ${openingText(o, r.zone, now)}`);
    }
    return 0;
  },
};
