import type { Writable } from 'node:stream';
import { jsonText } from '@slipway/policy-core';

/**
 * `--format json`: one JSON document on stdout, `{ "command": …, …result }`. A result's `error`
 * (a DeployError) serialises as `{ code, message, hint? }`. The shape is documented in
 * docs/deploy-json.md; fields are only ever added.
 */
export function writeJsonResult(out: Writable, command: string, result: object): void {
  out.write(`${jsonText({ command, ...result })}\n`);
}
