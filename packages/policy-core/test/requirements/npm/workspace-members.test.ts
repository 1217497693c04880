import { describe, expect, it } from 'vitest';
import { workspaceMatcher } from '../../../src/requirements/npm/workspace-members.js';

// Which package.json a workspace's globs make a member: what decides whether a lock above covers
// it (coverage) and which manifests a lock is paired with (the dependency rules).
describe('workspaceMatcher', () => {
  it('takes the folders the globs name, below the root', () => {
    const member = workspaceMatcher('', ['packages/*', './apps/web/'], 'ordered');
    expect(member('packages/a/package.json')).toBe(true);
    expect(member('apps/web/package.json')).toBe(true);
    // Near misses: a folder deeper than the glob, one it does not name, node_modules.
    expect(member('packages/a/b/package.json')).toBe(false);
    expect(member('templates/x/package.json')).toBe(false);
    expect(member('packages/node_modules/package.json')).toBe(false);
  });

  it('npm: the globs apply in turn, a later one puts back what a negation took out; !! is no negation', () => {
    const member = workspaceMatcher(
      '',
      ['packages/*', '!packages/legacy-*', 'packages/legacy-kept'],
      'ordered',
    );
    expect(member('packages/a/package.json')).toBe(true);
    expect(member('packages/legacy-old/package.json')).toBe(false);
    expect(member('packages/legacy-kept/package.json')).toBe(true);
    const doubled = workspaceMatcher('', ['!!packages/*'], 'ordered');
    expect(doubled('packages/a/package.json')).toBe(true);
  });

  it('pnpm: a negation leaves out what it names, whatever its place', () => {
    const member = workspaceMatcher(
      '',
      ['packages/*', '!packages/legacy-*', 'packages/legacy-kept'],
      'exclusions-win',
    );
    expect(member('packages/a/package.json')).toBe(true);
    expect(member('packages/legacy-old/package.json')).toBe(false);
    expect(member('packages/legacy-kept/package.json')).toBe(false);
    // A pattern starting with !! is dropped (tinyglobby), neither a member nor a negation.
    const doubled = workspaceMatcher('', ['packages/*', '!!packages/a'], 'exclusions-win');
    expect(doubled('packages/a/package.json')).toBe(true);
    expect(workspaceMatcher('', ['!!packages/*'], 'exclusions-win')('packages/a/package.json')).toBe(false);
  });

  it('reads a nested root: its globs are below its folder', () => {
    const member = workspaceMatcher('site/', ['packages/**'], 'ordered');
    expect(member('site/packages/x/y/package.json')).toBe(true);
    expect(member('packages/x/package.json')).toBe(false);
  });

  it('makes nothing a member without a glob that includes', () => {
    expect(workspaceMatcher('', [], 'ordered')('packages/a/package.json')).toBe(false);
    expect(workspaceMatcher('', ['!packages/a'], 'exclusions-win')('packages/a/package.json')).toBe(false);
  });
});
