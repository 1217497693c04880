import { UserError, type Command } from '../command.js';
import { SCHEMA_FILES, type SchemaFile, schemaText } from '../docs/schema-files.js';
import { parseFlags } from '../flags.js';
import { writeReport } from '../write-output.js';

export const schemaCommand: Command = {
  name: 'schema',
  usage: `Usage: slipway schema [--record | --audit-event | --tests] [--output FILE]

Prints a JSON Schema (draft 2020-12), generated from the same schema the CLI validates with:
  (no flag)       slipway.yaml, the policy file. Point your editor's YAML support at it:
                    # yaml-language-server: $schema=./slipway.schema.json
  --record        the deploy record (deploy.record). Write it next to the record and name it
                  in the record for completion and checks as you edit:
                    slipway schema --record -o infrastructure/deploy-record.schema.json
                    "$schema": "./deploy-record.schema.json"
  --audit-event   one line of the audit log (deploy.audit_log, JSON Lines).
  --tests         slipway.tests.yaml, the policy test cases \`slipway test\` runs.
The same files are in Slipway's repository under docs/schemas/.`,
  run: async (ctx) => {
    const { values } = parseFlags(
      'schema',
      ctx.argv,
      {
        output: { type: 'string', short: 'o' },
        record: { type: 'boolean' },
        'audit-event': { type: 'boolean' },
        tests: { type: 'boolean' },
      },
      false,
    );
    const given = (['record', 'audit-event', 'tests'] as const).filter((f) => values[f]).map((f) => `--${f}`);
    if (given.length > 1)
      throw new UserError(
        `${given.join(' and ')} each print one schema; give one of them (see \`slipway schema --help\`)`,
      );
    const flag = given[0] as SchemaFile['flag'];
    const file = SCHEMA_FILES.find((f) => f.flag === flag);
    if (!file) throw new Error(`no schema for ${flag ?? 'the policy'}`);
    writeReport(schemaText(file), values.output, ctx.cwd, ctx.stdout);
    return 0;
  },
};
