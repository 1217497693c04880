import { afterAll, describe, expect, it } from 'vitest';
import { Project } from '../src/workspace/project.js';
import { FixtureRepo, UPDATE_TOML } from './helpers/repo-fixture.js';

// A workspace report is built after awaits (settings, other projects); by then the client may
// have sent a newer version. The version it names must be the one of the text that was checked.
describe('the versions a check records', () => {
  const repo = new FixtureRepo();
  afterAll(() => repo.remove());

  it('are those of the buffers it read, not later ones', async () => {
    const buffers = new Map([['config/update.toml', { text: UPDATE_TOML, version: 3 }]]);
    const project = new Project(repo.dir, true, {
      openText: (_r, p) => buffers.get(p)?.text,
      openPaths: () => buffers.keys(),
      openVersion: (_r, p) => buffers.get(p)?.version,
      fetchBases: () => true,
      log: () => {},
    });
    await project.refresh();
    const state = project.check();
    expect(state.kind).toBe('ok');
    expect(state.findings.map((f) => f.rule)).toContain('UPD004');
    buffers.set('config/update.toml', {
      text: UPDATE_TOML.replace('require_signed_tags = false', 'require_signed_tags = true'),
      version: 4,
    });
    expect(state.versions.get('config/update.toml')).toBe(3);
    project.buffersChanged(false);
    const next = project.check();
    expect(next.versions.get('config/update.toml')).toBe(4);
    expect(next.findings.map((f) => f.rule)).not.toContain('UPD004');
  });
});
