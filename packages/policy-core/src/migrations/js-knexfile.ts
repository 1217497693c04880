import { LIMITS } from '../limits.js';
import { basename, dirnameSlash } from '../repo-paths.js';
import { readKnexfile, type KnexfileFacts } from './js-config.js';

/** A knexfile's name: Knex's CLI looks for `knexfile.<ext>` with these among its extensions. */
export const KNEXFILE = /^knexfile\.([cm]?[jt]s)$/;

/** What a knexfile says of one migrations folder. */
export interface KnexfileForFolder {
  knexfile: string;
  /**
   * Whether Knex runs this folder's migrations outside a transaction: every `migrations` block
   * naming the folder sets `disableTransactions: true` as a literal (Knex's migrator:
   * `_useTransaction` returns `!disableTransactions` unless a migration's own `config.transaction`
   * says otherwise). With blocks that disagree, each environment may run it either way: not taken.
   */
  transactionsDisabled: boolean;
}

/** The knexfile's facts, or undefined when it is past the size Slipway reads of one. */
export function knexfileFacts(path: string, src: string): KnexfileFacts | undefined {
  return src.length > LIMITS.jsConfig.chars ? undefined : readKnexfile(path, src);
}

/**
 * The knexfile that names `root` as a migrations directory (read statically, js-config.ts):
 * the nearest one in `root`'s folder or above. Undefined when none does.
 */
export function knexfileFor(
  all: readonly string[],
  root: string,
  readFile: (path: string) => string | undefined,
): KnexfileForFolder | undefined {
  const candidates = all
    .filter((f) => KNEXFILE.test(basename(f)) && `${root}/`.startsWith(dirnameSlash(f)))
    .sort((a, b) => b.length - a.length);
  for (const knexfile of candidates) {
    const src = readFile(knexfile);
    const facts = src === undefined ? undefined : knexfileFacts(knexfile, src);
    if (!facts) continue;
    const naming = facts.blocks.filter((b) => b.directories.some((d) => 'path' in d && d.path === root));
    if (naming.length === 0) continue;
    return { knexfile, transactionsDisabled: naming.every((b) => b.disableTransactions === true) };
  }
  return undefined;
}
