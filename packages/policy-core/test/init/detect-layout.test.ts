import { describe, expect, it } from 'vitest';
import { detectLayout, parsePolicyText, renderPolicy } from '../../src/index.js';

/** Detection reads only through the reader it is given: the same answers in CLI, editor and tests. */
function reader(texts: Record<string, string>, dirs: string[] = []) {
  return {
    readFile: (p: string) => texts[p],
    isDirectory: (p: string) => dirs.includes(p),
  };
}

describe('detectLayout', () => {
  it('finds the Alembic tree named by script_location, requirements with their lock and the deploy record', () => {
    const files = [
      'backend/alembic.ini',
      'backend/migrations/versions/0001_init.py',
      'backend/requirements.txt',
      'infrastructure/LAST_PROD_DEPLOY.json',
      'backend/app/core/config.py',
    ];
    const found = detectLayout(
      files,
      reader({ 'backend/alembic.ini': '[alembic]\nscript_location = %(here)s/migrations\n' }),
    );
    expect(found.alembic).toEqual(['backend/migrations/versions']);
    expect(found.dependencies).toEqual([
      { requirements: 'backend/requirements.txt', lock: 'backend/requirements.lock' },
    ]);
    expect(found.deployRecord).toBe('infrastructure/LAST_PROD_DEPLOY.json');
    expect(found.auditLog).toBe('infrastructure/deploy-audit.jsonl');
    expect(found.protectedPaths).toEqual(['backend/app/core/']);
    const text = renderPolicy(found, 'main');
    expect(parsePolicyText(text, 'slipway.yaml').document?.policy.production_branch).toBe('main');
  });

  it('names an empty versions folder only when the reader says it is a directory', () => {
    const files = ['alembic.ini'];
    expect(detectLayout(files, reader({ 'alembic.ini': '' })).alembic).toEqual([]);
    expect(detectLayout(files, reader({ 'alembic.ini': '' }, ['alembic/versions'])).alembic).toEqual([
      'alembic/versions',
    ]);
  });

  it('puts the audit log beside a record at the repository root', () => {
    expect(detectLayout(['LAST_PROD_DEPLOY.json'], reader({})).auditLog).toBe('deploy-audit.jsonl');
  });
});
