/**
 * Every limit a reader enforces, in one place. Slipway reads files a pull request can change,
 * so each reader has a ceiling on what it will take: past one it reports a finding (or, for the
 * policy, one clear line) instead of spending minutes, gigabytes or the call stack. The numbers
 * sit far above any real file (the largest real lock we know is ~5 MB, the longest Alembic
 * history a few thousand revisions) and below what would hurt a CI runner.
 */
const MiB = 1024 * 1024;

export const LIMITS = {
  /**
   * slipway.yaml / slipway.toml: characters, nesting depth of collections, YAML aliases expanded,
   * how many bases an `extends:` chain may climb, and the size of a cached base (its git objects
   * from the commit down, base64 in JSON: a policy and a few trees).
   */
  policy: { chars: 1 * MiB, depth: 64, yamlAliases: 100, extendsDepth: 8, cachedBaseBytes: 8 * MiB },
  /**
   * A requirements file or lock: characters, lines (each requirement costs a few hundred bytes:
   * 16 MB of one-letter lines would be 8 million of them; the largest real lock has ~50,000),
   * how deep `-r`/`-c` includes nest, and how deep arrays and tables nest in a TOML lock.
   */
  requirements: { chars: 16 * MiB, lines: 500_000, includeDepth: 32, tomlDepth: 64 },
  /**
   * A pyproject.toml read for its dependency declarations: characters, and how deep arrays and
   * tables nest. Real ones are a few kilobytes (the largest we know, with long tool sections, is
   * under 100 KB); the TOML reader is recursive, so the depth is checked by a scan first.
   */
  pyproject: { chars: 2 * MiB, depth: 64 },
  /**
   * One Alembic migration module (`.py`): characters. Generated revisions reach megabytes (a
   * data migration with its rows inline, a hundred thousand generated `add_column` calls make
   * 20 MB) and are read whole; past 32 MB the Python parser's tree would pass a gigabyte.
   * Reading is linear (about 0.3–0.5 s a megabyte on 2 cores, most of it the parser's).
   */
  migration: { chars: 32 * MiB },
  /**
   * One Knex, TypeORM or Sequelize migration (`.js`/`.ts`): characters. Real ones are a few
   * kilobytes (Backstage's 47 Knex migrations: 2.8 kB each, the largest 12 kB); a generated one
   * with rows inline stays well under a megabyte. Past 2 MB it is not a migration a person
   * reviews, and the parser's tree would cost seconds: one MIG130 names the limit instead.
   */
  jsMigration: { chars: 2 * MiB },
  /**
   * A knexfile or a TypeORM data source / ormconfig read for its migrations settings (parsed,
   * never run): characters. Real ones are under 10 kB.
   */
  jsConfig: { chars: 256 * 1024 },
  /**
   * Drizzle's `meta/_journal.json` (one entry of ~100 bytes per migration; ten thousand
   * migrations make 1 MB): characters and entries read.
   */
  drizzleJournal: { chars: 4 * MiB, entries: 100_000 },
  /**
   * Modules of the repository a revision calls into (`from app.db import retire`): how many deep
   * (the revision's module not counted) and the characters of each. A helper module is a few
   * kilobytes; each call with literal arguments parses it again, so the cap keeps that small.
   * `calls` and `parsed` bound one revision's following in all: calls followed, characters
   * parsed (a revision calling a helper ten thousand times, or fanning out at each level).
   */
  helperModule: { chars: 1 * MiB, depth: 4, calls: 500, parsed: 32 * MiB },
  /**
   * SQL of one migration, a `.sql` file or a string `op.execute` runs: characters, and
   * statements. A hand-written migration has a few hundred statements; a data migration written
   * as a dump of INSERTs reaches tens of thousands (a 10 MB seed file holds ~80,000) and is read
   * whole, in 256 KB pieces. PostgreSQL's parser and the rules take ~20–40 µs a statement, so the
   * statement limit bounds a check at about 10 s.
   */
  sql: { chars: 16 * MiB, statements: 250_000 },
  /** The deploy record: characters and JSON nesting depth. */
  record: { chars: 4 * MiB, depth: 64 },
  /**
   * The audit log: characters of the whole file and of one line (one event), and lines (each
   * costs an object; 256 MB of `{}` lines would be 85 million of them).
   */
  auditLog: { chars: 256 * MiB, lines: 1_000_000, lineChars: 1 * MiB },
  /**
   * update.toml: characters and nesting depth. The bot's state files (`version.json`,
   * `update_state.json`): characters. The state keeps one entry per `slipway update reset`, and a
   * long-lived bot's reaches 100,000 of them (7 MB, read in well under a second).
   */
  update: { chars: 1 * MiB, depth: 64, stateChars: 16 * MiB },
  /**
   * The findings baseline (`slipway baseline`): characters. An entry is about 120 bytes, so the
   * limit holds some 140,000 accepted findings, far past any repository a team would adopt
   * Slipway on without fixing first; reading it is one JSON parse and one map.
   */
  baseline: { chars: 16 * MiB },
  /**
   * A policy test file (`slipway.tests.yaml`, or one file of a `slipway.tests/` folder):
   * characters, nesting depth, YAML aliases expanded, and cases. A case is a few hundred bytes
   * (a migration's text in one, a few kilobytes): 4 MB holds thousands, which run in seconds;
   * past it, the cases belong in several files of the folder.
   */
  policyTests: { chars: 4 * MiB, depth: 64, yamlAliases: 1000, cases: 10_000 },
  /**
   * The snapshot of a fresh PGlite cluster the trace starts from (node/trace/fresh-clusters.ts):
   * about 5 MB gzipped; a file past this is not one PGlite wrote, and is not read.
   */
  traceSnapshot: { bytes: 64 * MiB },
  /**
   * A coding agent's hook input (`slipway hook <agent>`, agent-gate/agents/): characters of one
   * text in a tool call (a file's whole content, a command, a patch; an agent writes files of a
   * few hundred kilobytes, and a generated one of megabytes), characters of a tool's name, the
   * edits of one MultiEdit and the files of one patch, and how deep Copilot's `toolArgs` (a JSON
   * text inside the JSON) may nest. Past one the call is refused with one line, unread. The
   * reason an agent is told is bounded too (`reasonChars`, the whole paragraph; `reasons`, how
   * many are listed): the agent shows it to its model, whose context it spends.
   */
  agentGate: {
    textChars: 32 * MiB,
    toolNameChars: 512,
    edits: 10_000,
    patchFiles: 10_000,
    depth: 64,
    reasonChars: 4000,
    reasons: 10,
  },
  /**
   * A shell command a coding agent is about to run (agent-gate/shell): characters, words (a run
   * of non-blank characters; each operator character counts too), bracket nesting, and how many
   * `bash -c '…'`/`eval` strings deep it is read. The parser (mvdan/sh, as GopherJS) and the walk
   * of its tree take 50–150 µs a word on a busy 2-core machine, so 10,000 words (a heredoc's
   * words count too) or 256 KB bound a hook at about a second; past 64 brackets the parser's
   * recursion nears the stack's end. Real commands are a line or a heredoc of a few kilobytes:
   * a longer file belongs in the agent's write tool, which the gate reads whole.
   */
  shell: { chars: 256 * 1024, words: 10_000, depth: 64, nestedDepth: 8 },
  /**
   * `slipway mcp`'s tool arguments, an agent's questions over stdio: paths in one `may_edit` call,
   * characters of one path or rule id, and of a migration's proposed text (`lint_migration`; the
   * largest hand-written migration is a few hundred kilobytes, and the text crosses the pipe as
   * JSON, up to six bytes a character, under the transport's own cap, `messageBytes`).
   */
  /**
   * What `check` reads of a file only to recognise a layout it does not judge (coverage/: is this
   * `migrations/0001_initial.py` Django's?): characters. A real migration or changelog is
   * kilobytes; a larger one is not sniffed and is listed as seen but not read, never left out.
   */
  coverageSniff: { chars: 1 * MiB },
  mcp: { paths: 256, pathChars: 4096, ruleIdChars: 64, textChars: 2 * MiB, messageBytes: 16 * MiB },
} as const;

/**
 * Whether a file of `bytes` holds more than `chars` characters whatever its bytes are (UTF-8
 * takes at most 4 bytes a character): such a file is refused by its size, unread.
 */
export function bytesPastChars(bytes: number, chars: number): boolean {
  return bytes > 4 * chars;
}

/** "3.2 MB": how a limit's excess is shown. */
export function megabytes(chars: number): string {
  return `${(chars / MiB).toFixed(chars < 10 * MiB ? 1 : 0)} MB`;
}

/**
 * Where a text stops being UTF-8 text: the first NUL (binary content) or U+FFFD (the host decodes
 * bytes that are not UTF-8 as U+FFFD), or -1. Readers of the policy, the deploy record, the audit
 * log and update.toml refuse such a file with one finding at that offset, instead of a parser's
 * error about a character nobody wrote (or one finding per line of a binary log).
 * @internal
 */
export function notTextAt(text: string): number {
  const nul = text.indexOf('\u0000');
  const bad = text.indexOf('\ufffd');
  return nul === -1 ? bad : bad === -1 ? nul : Math.min(nul, bad);
}

/**
 * True when `text` has more than `max` lines: more than `max` line ends (counting stops there).
 * @internal
 */
export function linesPast(text: string, max: number): boolean {
  let ends = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) if (++ends > max) return true;
  return false;
}

/**
 * The message for a file `notTextAt` refuses.
 * @internal
 */
export const NOT_TEXT = 'is not UTF-8 text (binary content or another encoding)';

/**
 * The deepest nesting of `[`/`{` in a YAML or TOML text, with quoted strings and `#` comments
 * skipped, stopping as soon as `limit` is passed (so a hostile 100,000-deep file costs a scan,
 * not a parser's recursion). Returns the offset where `limit` was passed, or -1.
 * @internal
 */
export function nestingPastLimit(text: string, limit: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
    } else if (c === 0x22 || c === 0x27) {
      // A quoted string: to its closing quote (a backslash escapes in double quotes) or the line end.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x0a) break;
        if (c === 0x22 && d === 0x5c) i++;
        else if (d === c) break;
      }
    } else if (c === 0x23) {
      const nl = text.indexOf('\n', i);
      if (nl === -1) break;
      i = nl;
    }
  }
  return -1;
}

/**
 * Where a text's nesting passes `limit`: brackets first (nestingPastLimit), then, in YAML,
 * indentation (yamlBlockNestingPastLimit). The offset, or -1. What every reader of a policy-like
 * file checks before a parser runs.
 */
export function nestingPastLimitIn(text: string, limit: number, yaml: boolean): number {
  const flow = nestingPastLimit(text, limit);
  return flow === -1 && yaml ? yamlBlockNestingPastLimit(text, limit) : flow;
}

/**
 * Block nesting in YAML, which needs no brackets: a line indented more than four columns per
 * allowed level, or more than `limit` compact `- ` entries on one line (`- - - - a`). Returns
 * the offset where `limit` was passed, or -1.
 * @internal
 */
export function yamlBlockNestingPastLimit(text: string, limit: number): number {
  let i = 0;
  while (i < text.length) {
    const start = i;
    while (text.charCodeAt(i) === 0x20) i++;
    if (i - start > 4 * limit) return i;
    let dashes = 0;
    while ((text[i] === '-' || text[i] === '?') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
      if (++dashes > limit) return i;
      i += 2;
      while (text[i] === ' ' || text[i] === '\t') i++;
    }
    const nl = text.indexOf('\n', i);
    if (nl === -1) break;
    i = nl + 1;
  }
  return -1;
}
