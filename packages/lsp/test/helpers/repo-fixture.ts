import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { IDENTITY } from '../../../../test/helpers/git-repo.js';

const GIT_ENV = { ...process.env, ...IDENTITY };

/** The policy of the editor tests: one stale pattern (POL002) and the update section (UPD004). */
export const POLICY = `version: 1
protected:
  label: approved-core-change
  paths: [backend/core/, nothere/]
update:
  config: config/update.toml
rules:
  UPD004: warning
`;

export const UPDATE_TOML = `[update]
enabled = true
require_signed_tags = false
`;

/** A real git repository in a temp dir with one commit on main. */
export class FixtureRepo {
  readonly dir = mkdtempSync(join(tmpdir(), 'slipway-lsp-'));

  constructor(
    files: Record<string, string> = {
      'slipway.yaml': POLICY,
      'config/update.toml': UPDATE_TOML,
      'backend/core/app.py': 'x = 1\n',
    },
  ) {
    this.git('init', '-q', '-b', 'main');
    this.write(files);
    this.git('add', '-A');
    this.git('commit', '-q', '-m', 'initial');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, env: GIT_ENV, encoding: 'utf8' });
  }

  write(files: Record<string, string>): void {
    for (const [path, text] of Object.entries(files)) {
      const full = join(this.dir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
    }
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
