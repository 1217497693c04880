import { folderOf } from './layout-entry.js';

/** How long a summarised place may be in the coverage line. */
const MAX_CHARS = 60;

/**
 * Where `files` are, in a few characters: the file itself when there is one, its folder when they
 * share one, else one glob over their folders (`app/*\/migrations/` when they differ in one
 * segment, `**` when in more). Cut at MAX_CHARS: the coverage line stays one short line.
 */
export function placeOf(files: readonly string[]): string {
  if (files.length === 1) return cut(files[0] ?? '');
  const folders = [...new Set(files.map(folderOf))];
  if (folders.length === 1) return cut(folders[0] || './');
  const parts = folders.map((f) => (f === '' ? [] : f.slice(0, -1).split('/')));
  const shortest = Math.min(...parts.map((p) => p.length));
  let pre = 0;
  while (pre < shortest && parts.every((p) => p[pre] === parts[0]?.[pre])) pre++;
  let suf = 0;
  while (
    suf < shortest - pre &&
    parts.every((p) => p[p.length - 1 - suf] === parts[0]?.[(parts[0]?.length ?? 0) - 1 - suf])
  )
    suf++;
  const first = parts[0] ?? [];
  const oneSegment = parts.every((p) => p.length - pre - suf === 1);
  const glob = [...first.slice(0, pre), oneSegment ? '*' : '**', ...first.slice(first.length - suf)];
  return cut(`${glob.join('/')}/`);
}

function cut(place: string): string {
  return place.length <= MAX_CHARS ? place : `${place.slice(0, MAX_CHARS - 1)}…`;
}
