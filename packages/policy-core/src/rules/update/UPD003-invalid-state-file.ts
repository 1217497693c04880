import type { Finding, Range } from '../../finding.js';
import { LineIndex } from '../../text-position.js';
import { readStateText, STATE_FILE_SCHEMAS } from '../../update/state-file.js';
import type { Rule, RuleExample } from '../../rule.js';
import type { UpdateStateRun } from './facts/update-facts.js';
import { UPDATE_TOML, UPDATE_TOML_FILE } from './facts/examples.js';

export const invalidStateFile: Rule<UpdateStateRun> = {
  id: 'UPD003',
  name: 'invalid-state-file',
  family: 'UPD',
  facts: 'update-state',
  defaultSeverity: 'error',
  title: 'invalid update state file',
  docs: {
    what:
      'A state file under a profile matched by `update.state` (`meta/version.json`, the running ' +
      'version; `meta/update_state.json`, the failure counters and the circuit breaker) is not JSON, ' +
      'has a key twice, or a key the updater does not know, or a value of the wrong type, or is over ' +
      '16 MB (a state of 100,000 resets is 7 MB). The updater reads the file the same way.',
    why:
      'The updater refuses to run on a state file it cannot read rather than guess, so a hand edit that ' +
      'breaks one stops updates.',
    fix:
      'Fix the key the finding points at, or delete `update_state.json` to start the counters afresh ' +
      '(`slipway update reset` rewrites it).',
    suppress:
      'The state files are JSON, without comments: set `rules: { UPD003: off }` (or another severity) ' +
      'in the policy.',
    examples: [stateExample('flagged', '"one"'), stateExample('fine', '1')],
  },
  check: ({ path, text }) => checkStateFile(path, text),
};

export function checkStateFile(file: string, text: string): Finding[] {
  const name = file.slice(file.lastIndexOf('/') + 1);
  if (!Object.hasOwn(STATE_FILE_SCHEMAS, name)) return [];
  const read = readStateText(text, STATE_FILE_SCHEMAS[name as keyof typeof STATE_FILE_SCHEMAS]);
  if (read.ok) return [];
  const index = new LineIndex(text);
  return read.problems.map((p) => finding(file, index.range(p.start, p.end), p.message));
}

function finding(file: string, range: Range, problem: string): Finding {
  return {
    rule: 'UPD003',
    severity: 'error',
    message: `update state file ${file} ${problem}; fix it or delete it and run \`slipway update reset --reason ...\`.`,
    file,
    range,
  };
}

/** A docs example: the update state of 2025-12-09 with `attempts` as its JSON value, beside the config. */
function stateExample(verdict: RuleExample['verdict'], attempts: string): RuleExample {
  return {
    verdict,
    file: 'bot_persistence/main/meta/update_state.json',
    text:
      '{\n' +
      '  "schema": 1,\n' +
      '  "day": "2025-12-09",\n' +
      `  "attempts_today": ${attempts},\n` +
      '  "failures_today": 0,\n' +
      '  "total_failures": 0,\n' +
      '  "circuit": {\n' +
      '    "open": false\n' +
      '  },\n' +
      '  "resets": []\n' +
      '}\n',
    beside: { [UPDATE_TOML_FILE]: UPDATE_TOML },
  };
}
