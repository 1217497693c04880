import { judgedPaths, LIMITS, MemoryRepo, parsePolicyText, unjudgedLayouts } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

// ever-co/ever-gauzy's packages/core/src/lib/database/migrations/1638541848595-SwitchToMigration.ts
// is a 1.2 MB TypeORM migration under `migrations.typeorm`: the MikroORM entry, first in the table,
// could not read it to tell, and the coverage note called it a MikroORM migration not judged.
const TYPEORM = 'import { MigrationInterface, QueryRunner } from "typeorm";\n';
const HUGE = `${TYPEORM}// ${'x'.repeat(LIMITS.coverageSniff.chars)}\n`;

function seen(files: Record<string, string>, yaml: string) {
  const repo = new MemoryRepo(files);
  const doc = parsePolicyText(`version: 1\n${yaml}`).document;
  if (!doc) throw new Error('policy does not parse');
  return unjudgedLayouts(repo, judgedPaths(repo, doc.policy)).map((l) => ({
    id: l.entry.id,
    files: l.files,
    unread: l.unread.map((u) => u.path),
  }));
}

describe('a file too large to sniff, in a folder the policy judges', () => {
  const files = {
    'src/migrations/1700000000000-Init.ts': TYPEORM,
    'src/migrations/1700000000001-Huge.ts': HUGE,
  };

  it('is judged by that reader, so no layout lists it as seen and not read', () => {
    expect(seen(files, 'migrations:\n  typeorm: src/migrations\n')).toEqual([]);
  });

  it('is still listed as seen and not read when no key judges its folder', () => {
    expect(seen(files, '')).toEqual([
      { id: 'mikro-orm', files: [], unread: ['src/migrations/1700000000001-Huge.ts'] },
      { id: 'typeorm', files: ['src/migrations/1700000000000-Init.ts'], unread: [] },
    ]);
  });
});
