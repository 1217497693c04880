import { listPolicyWaivers, listWaivers, type Waiver } from '@slipway/policy-core';
import { blameLines } from '@slipway/policy-core/node';
import type { Command, CommandContext } from '../command.js';
import { parseFlags } from '../flags.js';
import { judgeTree } from '../judge-tree.js';
import { renderWaivers, WAIVER_FORMATS, type WaiverFormat } from '../waivers-report.js';

export const waiversCommand: Command = {
  name: 'waivers',
  usage: `Usage: slipway waivers [--repo DIR] [--format text|json|markdown]

Lists every entry of the policy's \`waivers:\` list (with its files and approver) and every
\`slipway: allow\` comment in the files \`slipway check --tree\` reads: its rules, its
reason, when it was written (git blame) and where it stands today: active with the days left
(\`allow RULE until 2027-01-31 -- reason\`), without an end, expired (SUP003), longer than the
policy's max_waiver_days (SUP004) or malformed (SUP002). The markdown form is a table for a pull
request comment. Exit 0: the check, not this list, is what fails a build.

  --repo DIR          repository to read (default: the current directory)
  --format FORMAT     text (default), json or markdown`,
  run: runWaiversCommand,
};

async function runWaiversCommand(ctx: CommandContext): Promise<number> {
  const { values } = parseFlags(
    'waivers',
    ctx.argv,
    { repo: { type: 'string' }, format: { type: 'string' } },
    false,
  );
  const format = (values.format ?? 'text') as WaiverFormat;
  if (!WAIVER_FORMATS.includes(format)) {
    ctx.stderr.write(`slipway waivers: --format ${values.format}: expected ${WAIVER_FORMATS.join(', ')}\n`);
    return 2;
  }
  // The files the check reads are the files whose comments count.
  const { context, result } = await judgeTree(ctx, values.repo);
  const now = new Date();
  const waivers = [
    ...listPolicyWaivers(context.policy, now),
    ...listWaivers(
      result.filesChecked,
      (f) => context.repo.readFile(f),
      now,
      context.policy.policy.max_waiver_days,
    ),
  ];
  const written = await writtenDates(context.root, waivers);
  ctx.stdout.write(renderWaivers(format, waivers, written, now));
  return 0;
}

/** Each waiver's commit date, one `git blame` of the comment lines per file that has any. */
async function writtenDates(root: string, waivers: readonly Waiver[]): Promise<Map<Waiver, Date>> {
  const byFile = new Map<string, Waiver[]>();
  for (const w of waivers) {
    const list = byFile.get(w.file);
    if (list) list.push(w);
    else byFile.set(w.file, [w]);
  }
  const out = new Map<Waiver, Date>();
  await Promise.all(
    [...byFile].map(async ([file, list]) => {
      // An untracked file (128) has no dates; a line not committed yet has none either.
      const blamed = await blameLines(root, file, {
        ranges: list.map((w): [number, number] => [w.line - 1, w.line - 1]),
        okCodes: [128],
      });
      for (const w of list) {
        const b = blamed?.get(w.line - 1);
        if (b?.authorTime !== undefined && !b.uncommitted) out.set(w, new Date(b.authorTime * 1000));
      }
    }),
  );
  return out;
}
