import { isAbsolute, relative, sep } from 'node:path';

/** `path` relative to `root` with `/` separators when inside it; '' for the root; undefined outside. */
export function relativeInside(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  if (rel === '') return '';
  if (rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}
