import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type CliResult, slipway } from './cli.js';
import { TempRepo } from './git-repo.js';
import { slipwayInProcess } from './in-process-cli.js';

/**
 * A repository an agent works in, for `slipway hook` tests: `files` committed on main, the agent on
 * branch `work`. Made before the test file's tests (call it at the file's top level) and removed
 * after them; one repository per file, one CLI run per call.
 *
 * Each call runs the built gate (dist/slipway-hook.cjs) in this process (in-process-cli.ts): the
 * files that put many tool calls to it test what it decides. `{ process: true }` starts
 * `slipway hook` as the agent does, for the tests of the gate's process itself: its exit codes and
 * output as each agent reads them.
 */
export class AgentSession {
  #repo: TempRepo | undefined;
  readonly #run: typeof slipway;

  constructor(files: Record<string, string>, opts: { process?: boolean } = {}) {
    this.#run = opts.process ? slipway : slipwayInProcess;
    beforeAll(() => {
      this.#repo = new TempRepo(files);
      this.#repo.git('add', '-A');
      this.#repo.git('commit', '-qm', 'init');
      this.#repo.git('checkout', '-qb', 'work');
    });
    afterAll(() => {
      if (this.#repo) rmSync(this.#repo.dir, { recursive: true, force: true });
    });
  }

  get repo(): TempRepo {
    if (!this.#repo) throw new Error('AgentSession: the repository is made in beforeAll');
    return this.#repo;
  }

  get dir(): string {
    return this.repo.dir;
  }

  /** A path of the repository, absolute, as the agents name the files they write. */
  at(rel: string): string {
    return join(this.dir, rel);
  }

  /** `slipway hook <agent>` with this input on standard input (a string as it is, else its JSON). */
  hook(agent: string, input: unknown): CliResult {
    return this.#run(['hook', agent], {
      cwd: this.dir,
      input: typeof input === 'string' ? input : JSON.stringify(input),
    });
  }

  /** Claude Code's PreToolUse input for one tool call in this repository. */
  claude(tool_name: string, tool_input: unknown, session_id = 's-1') {
    return { session_id, cwd: this.dir, hook_event_name: 'PreToolUse', tool_name, tool_input };
  }

  /** Claude Code's decision on a shell command, as one line (`answer`). */
  decision(command: string): string {
    return this.answer(this.claude('Bash', { command }));
  }

  /**
   * Claude Code's decision on one hook input, as one line: `deny <stderr>` (exit 2), `ask …` or
   * `deny …` with the reason it gives, or `allow` (exit 0, nothing printed).
   */
  answer(input: unknown): string {
    const r = this.hook('claude', input);
    if (r.code === 2) return `deny ${r.stderr}`;
    const out = r.stdout ? JSON.parse(r.stdout).hookSpecificOutput : undefined;
    return out ? `${out.permissionDecision} ${out.permissionDecisionReason}` : 'allow';
  }

  /**
   * Cursor's answer to a Delete of `rel` (its file tool names a folder as it names a file; '' for
   * the repository's own folder), as one line: `ask …`, `deny …` or `allow`.
   */
  cursorDelete(rel: string): string {
    const r = this.hook('cursor', {
      conversation_id: 'c-del',
      hook_event_name: 'preToolUse',
      workspace_roots: [this.dir],
      cwd: this.dir,
      tool_name: 'Delete',
      tool_input: { path: rel === '' ? this.dir : this.at(rel) },
    });
    const out = JSON.parse(r.stdout);
    return out.permission ? `${out.permission} ${out.user_message}` : 'allow';
  }

  /** Claude Code's Write of `content` to `rel`, judged by the hook. */
  write(rel: string, content: string): CliResult {
    return this.hook('claude', this.claude('Write', { file_path: this.at(rel), content }));
  }
}
