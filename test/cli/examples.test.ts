import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';

const examples = fileURLToPath(new URL('../../examples/', import.meta.url));

describe('bundled examples', () => {
  // Each example is a clean repository for its policy: the demo breaks them on purpose, so on
  // their own they must pass, or the demo's failures would not be the ones it claims.
  for (const name of ['mayassistant', 'autonomos', 'tradebot']) {
    it(`${name}: its policy is valid and its tree has no findings at error severity`, () => {
      const dir = mkdtempSync(join(tmpdir(), `slipway-example-${name}-`));
      try {
        cpSync(join(examples, name), dir, { recursive: true });
        const r = slipway(['check', '--tree', '--format', 'json'], { cwd: dir });
        expect(r.stderr).toBe('');
        const report = JSON.parse(r.stdout);
        expect(report.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
        expect(r.code).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
