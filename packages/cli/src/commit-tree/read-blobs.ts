import { isAscii } from 'node:buffer';
import { encodePath, runGit, runGitSync } from '@slipway/policy-core/node';

/**
 * Files of one commit, read with `git cat-file --batch --follow-symlinks -z`: one process for
 * many files. Paths go in as bytes (`-z`), so any name works. A symlink inside the tree is
 * followed, as a checkout of the commit would read it; one that leaves the tree, dangles or
 * loops reads as absent, as does anything that is not a file (a directory, a submodule).
 */
const ARGS = ['cat-file', '--batch', '--follow-symlinks', '-z'];

function request(commit: string, paths: readonly string[]): { names: Buffer[]; input: Buffer } {
  const names = paths.map((p) => Buffer.concat([Buffer.from(`${commit}:`, 'utf8'), encodePath(p)]));
  return { names, input: Buffer.concat(names.flatMap((n) => [n, Buffer.of(0)])) };
}

export function readBlobsSync(root: string, commit: string, paths: readonly string[]) {
  if (paths.length === 0) return new Map<string, string | undefined>();
  const { names, input } = request(commit, paths);
  return parseBatch(runGitSync(root, ARGS, { input }).stdout, paths, names);
}

export async function readBlobs(root: string, commit: string, paths: readonly string[]) {
  if (paths.length === 0) return new Map<string, string | undefined>();
  const { names, input } = request(commit, paths);
  return parseBatch((await runGit(root, ARGS, { input })).stdout, paths, names);
}

// What --follow-symlinks answers instead of an object: "<what> <size>\n<size bytes>\n".
const NOT_A_FILE = /^(symlink|dangling|loop|notdir) (\d+)$/;

function parseBatch(out: Buffer, paths: readonly string[], names: readonly Buffer[]) {
  const texts = new Map<string, string | undefined>();
  let at = 0;
  for (let i = 0; i < paths.length; i++) {
    const path = paths[i] as string;
    const name = names[i] as Buffer;
    texts.set(path, undefined);
    // "<name> missing" echoes the name, which may hold a newline: matched as bytes. A name
    // starts with the commit's hash and a colon, so it never reads as a header below.
    if (out.subarray(at, at + name.length).equals(name) && out[at + name.length] === 0x20) {
      const nl = out.indexOf(10, at + name.length);
      at = nl === -1 ? out.length : nl + 1;
      continue;
    }
    const nl = out.indexOf(10, at);
    if (nl === -1) break;
    const header = out.toString('latin1', at, nl);
    const skipped = NOT_A_FILE.exec(header);
    if (skipped) {
      at = nl + 1 + Number(skipped[2]) + 1;
      continue;
    }
    // "<oid> <type> <size>", then the content and a newline.
    const [, type, sizeText] = header.split(' ');
    const size = Number(sizeText ?? 0);
    const bytes = out.subarray(nl + 1, nl + 1 + size);
    // As FsRepo reads the working tree: ASCII copied as is (fast for a large audit log), else UTF-8.
    if (type === 'blob') texts.set(path, bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8'));
    at = nl + 1 + size + 1;
  }
  return texts;
}
