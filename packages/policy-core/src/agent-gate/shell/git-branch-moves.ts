import type { BranchMove } from './effects.js';
import { operands } from './git-refs.js';

/** What `git <sub> <words>` points at a commit it names (BranchMove). */
export function branchMoves(sub: string, words: readonly (string | undefined)[]): BranchMove[] {
  // git fetches into the branch checked out only when told it may (`-u`, `--update-head-ok`).
  const fetchesIntoHead = words.some(
    (w) => w === '--update-head-ok' || (w !== undefined && /^-[a-zA-Z]*u/.test(w) && !w.startsWith('--')),
  );
  if (sub === 'fetch' && !fetchesIntoHead) return [];
  if (words.some((w) => w === undefined)) {
    return sub === 'reset' || sub === 'update-ref' || sub === 'fetch' ? [{ ref: 'HEAD' }] : [];
  }
  const ws = words as string[];
  if (sub === 'reset') {
    const ops = operands(ws, []);
    if (ws.includes('--') || ops.length !== 1 || ops[0] === 'HEAD') return [];
    return [{ ref: 'HEAD', to: ops[0] as string }];
  }
  if (sub === 'update-ref') {
    if (ws.includes('--stdin')) return [{ ref: 'HEAD' }];
    if (ws.includes('-d') || ws.includes('--no-deref')) return [];
    const [ref, to] = operands(ws, ['-m']);
    return ref === undefined || to === undefined ? [] : [{ ref, to }];
  }
  if (sub === 'fetch') {
    const ops = operands(ws, [
      '--depth',
      '--deepen',
      '--shallow-since',
      '--shallow-exclude',
      '--refmap',
      '-j',
      '--jobs',
      '-o',
      '--server-option',
      '--negotiation-tip',
      '--upload-pack',
    ]);
    const remote = ops[0];
    const out: BranchMove[] = [];
    for (const spec of ops.slice(1)) {
      const plain = spec.replace(/^\+/, '');
      const colon = plain.lastIndexOf(':');
      if (colon <= 0 || colon === plain.length - 1) continue;
      const dst = plain.slice(colon + 1);
      const ref = dst.startsWith('refs/') ? dst : `refs/heads/${dst.replace(/^heads\//, '')}`;
      out.push(remote === '.' ? { ref, to: plain.slice(0, colon) } : { ref });
    }
    return out;
  }
  return [];
}
