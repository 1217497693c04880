import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A person's git identity and no machine configuration: every test repository's commits are theirs. */
export const IDENTITY = {
  GIT_AUTHOR_NAME: 'Dev Human',
  GIT_AUTHOR_EMAIL: 'dev@example.com',
  GIT_COMMITTER_NAME: 'Dev Human',
  GIT_COMMITTER_EMAIL: 'dev@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export interface Who {
  name: string;
  email: string;
}

/** A real git repository in a temp dir, for end-to-end tests. */
export class TempRepo {
  readonly dir: string;

  /** `copyOf`: a copy of that repository (working tree, index, history) instead of a new one. */
  constructor(files: Record<string, string> = {}, copyOf?: TempRepo) {
    this.dir = mkdtempSync(join(tmpdir(), 'slipway-repo-'));
    if (copyOf) cpSync(copyOf.dir, this.dir, { recursive: true });
    else this.git('init', '-q', '-b', 'main');
    this.write(files);
  }

  git(...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      env: { ...process.env, ...IDENTITY },
      encoding: 'utf8',
    });
  }

  gitAs(who: Who, ...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      env: {
        ...process.env,
        ...IDENTITY,
        GIT_AUTHOR_NAME: who.name,
        GIT_AUTHOR_EMAIL: who.email,
        GIT_COMMITTER_NAME: who.name,
        GIT_COMMITTER_EMAIL: who.email,
      },
      encoding: 'utf8',
    });
  }

  write(files: Record<string, string>): this {
    for (const [path, text] of Object.entries(files)) {
      const full = join(this.dir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
    }
    return this;
  }

  remove(...paths: string[]): this {
    for (const p of paths) rmSync(join(this.dir, p), { recursive: true, force: true });
    return this;
  }

  commit(message: string, who?: Who): string {
    this.git('add', '-A');
    if (who) this.gitAs(who, 'commit', '-q', '-m', message);
    else this.git('commit', '-q', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
