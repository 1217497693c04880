import { baselineFileOf, buildBaseline, describeFailure, serializeBaseline } from '@slipway/policy-core';
import { nativeSha256, writeRepoFile } from '@slipway/policy-core/node';
import type { Command, CommandContext } from '../command.js';
import { parseFlags } from '../flags.js';
import { judgeTree } from '../judge-tree.js';

export const baselineCommand: Command = {
  name: 'baseline',
  usage: `Usage: slipway baseline [--repo DIR]

Runs the check \`slipway check --tree\` runs and records every finding it reports as accepted,
in the baseline file (default .slipway/baseline.json; the policy's \`baseline:\` key names
another). From then on \`check\` and \`guard\` report only findings the baseline does not hold,
and say how many it accepted. Each finding is kept as its rule, its file and a hash of the
flagged lines and their non-blank neighbours, so lines inserted above do not make it new.

The file is policy surface: a change that adds entries needs the protected label (never on an
agent branch); a change that only drops entries is fine. A change is always judged with the
baseline as it is on its base. Run it again after fixing findings to drop their entries.

  --repo DIR          repository to record (default: the current directory)`,
  run: runBaselineCommand,
};

async function runBaselineCommand(ctx: CommandContext): Promise<number> {
  const { values } = parseFlags('baseline', ctx.argv, { repo: { type: 'string' } }, false);
  const { context, result } = await judgeTree(ctx, values.repo, { baseline: 'record' });
  // A family that crashed left its findings out: a baseline without them would accept too little
  // today and make them all new tomorrow. Nothing is written.
  if (result.failures.length > 0) {
    for (const f of result.failures)
      ctx.stderr.write(`slipway baseline: internal error: ${describeFailure(f)}\n`);
    ctx.stderr.write('slipway baseline: the baseline was not written (the findings are incomplete)\n');
    return 2;
  }
  const file = baselineFileOf(context.policy);
  // The baseline's own findings (a baseline cannot accept itself) are never recorded.
  const findings = result.findings.filter((f) => f.file !== file);
  const baseline = buildBaseline(findings, (f) => context.repo.readFile(f), nativeSha256);
  writeRepoFile(context.root, file, serializeBaseline(baseline));
  const files = new Set(findings.map((f) => f.file)).size;
  ctx.stdout.write(
    `wrote ${file}: ${findings.length} finding${findings.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} accepted as they are; \`slipway check\` and \`slipway guard\` now report only new ones (commit the file: adding entries to it later needs the protected label)\n`,
  );
  return 0;
}
