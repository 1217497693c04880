import { policyJsonSchema } from '@slipway/policy-core';
import type { Command } from '../command.js';
import { parseFlags } from '../flags.js';
import { writeReport } from '../write-output.js';

export const schemaCommand: Command = {
  name: 'schema',
  usage: `Usage: slipway schema [--output FILE]

Prints the JSON Schema (draft 2020-12) of slipway.yaml, generated from the same schema the CLI
validates with. Point your editor's YAML support at it:
  # yaml-language-server: $schema=./slipway.schema.json`,
  run: async (ctx) => {
    const { values } = parseFlags('schema', ctx.argv, { output: { type: 'string', short: 'o' } }, false);
    writeReport(`${JSON.stringify(policyJsonSchema(), null, 2)}\n`, values.output, ctx.cwd, ctx.stdout);
    return 0;
  },
};
