// Repositories for the scaling bench, built once in .bench-cache/ (gitignored) and kept between
// runs: the name says what is in one, so a changed generator must change the name.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

/** Built in a temp dir and renamed into place, so a run stopped halfway leaves no half repository. */
function cached(name, build) {
  const dir = join(root, '.bench-cache', name);
  if (existsSync(join(dir, '.git'))) return dir;
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: tmp, env: gitEnv });
  build(tmp);
  renameSync(tmp, dir);
  return dir;
}

/** A repository whose one commit on main holds `files` (path → text). */
export function treeRepo(name, files) {
  return cached(name, (dir) => {
    for (const [path, text] of Object.entries(files())) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    execFileSync('git', ['add', '-A'], { cwd: dir, env: gitEnv });
    execFileSync('git', ['commit', '-q', '-m', 'bench'], { cwd: dir, env: gitEnv });
  });
}

/**
 * A repository with `change().policy` on main and, checked out, a branch `feature/scaled` whose one
 * commit adds `change().paths` (one line each). Written with git fast-import: tens of thousands of files in a
 * second, where `git add` of files on disk would take most of a minute.
 */
export function changeRepo(name, change) {
  return cached(name, (dir) => {
    const { policy, paths } = change();
    const inline = (path, text) => `M 100644 inline ${path}\ndata ${Buffer.byteLength(text)}\n${text}\n`;
    const parts = ['commit refs/heads/main\ncommitter Bench <bench@example.com> 1767225600 +0000\n'];
    parts.push('data 4\nbase\n', inline('slipway.yaml', policy));
    parts.push('commit refs/heads/feature/scaled\ncommitter Bench <bench@example.com> 1767229200 +0000\n');
    parts.push('data 6\nchange\nfrom refs/heads/main\n');
    for (const [i, path] of paths.entries()) parts.push(inline(path, `x = ${i}\n`));
    execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: parts.join(''), maxBuffer: 1 << 30 });
    execFileSync('git', ['checkout', '-q', '-f', 'feature/scaled'], { cwd: dir, env: gitEnv });
  });
}
