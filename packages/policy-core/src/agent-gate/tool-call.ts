/**
 * What a coding agent's tool call would do, as the agent gate judges it. Each agent's hook input
 * (Claude Code, Codex, Copilot, Cursor, Gemini) is read into one `ToolCall` by that agent's
 * adapter (`agent-gate/agents/<agent>.ts`); the gate judges a `ToolCall` whatever agent sent it,
 * and the adapter renders the `GateDecision` the way that agent reads an answer.
 */

/** The agents `slipway hook <agent>` answers. */
export const GATE_AGENTS = ['claude', 'codex', 'copilot', 'cursor', 'gemini'] as const;
export type GateAgent = (typeof GATE_AGENTS)[number];

/** One replacement in a file's text: `oldText` (exactly once, or everywhere with `replaceAll`) becomes `newText`. */
export interface ReplaceEdit {
  oldText: string;
  newText: string;
  replaceAll?: boolean;
  /** The count of `oldText` the tool requires, else it fails (Gemini's `expected_replacements`). */
  expected?: number;
}

/** One file of a patch (Codex's and Copilot's `apply_patch`): its whole text, its hunks, or its removal. */
export type PatchFile =
  | { op: 'add'; path: string; content: string }
  | { op: 'update'; path: string; hunks: PatchHunk[]; moveTo?: string }
  | { op: 'delete'; path: string };

/**
 * One hunk of an update: the lines around and the lines replaced, as the patch gives them
 * (`context` lines are matched, `remove` lines taken out, `add` lines put in, in order).
 */
export interface PatchHunk {
  /** The `@@` line's text after `@@ `, when it names an anchor (a function, a class). */
  anchor?: string;
  lines: { kind: 'context' | 'remove' | 'add'; text: string }[];
  /** `*** End of File`: the hunk ends at the file's end. */
  endOfFile?: boolean;
}

/**
 * A tool call as the gate reads it. `path`s are as the agent wrote them (absolute, or relative
 * to `cwd`); the node layer resolves them against the repository and refuses a path outside it.
 */
export type ToolCall =
  /**
   * Writes a file's whole text (Claude's Write, Gemini's write_file, Copilot's create). `content`
   * is undefined when the tool changes the file in a way the gate does not compute (Claude's
   * NotebookEdit, a cell of a notebook's JSON): judged by its path, refused where a rule reads it.
   */
  | { kind: 'write'; tool: string; path: string; content: string | undefined }
  /**
   * Replaces text in a file (Claude's Edit and MultiEdit, Gemini's replace); Claude's with an empty
   * old text creates it (`apply-edits.ts`). `appliedAs` names a tool that applies them its own
   * way: Gemini CLI's replace (`gemini-replace.ts`).
   */
  | { kind: 'edit'; tool: string; path: string; edits: ReplaceEdit[]; appliedAs?: 'gemini-replace' }
  /** Applies a patch to several files (Codex's and Copilot's apply_patch). */
  | { kind: 'patch'; tool: string; files: PatchFile[] }
  /** Runs a shell command (Bash, shell, run_shell_command, beforeShellExecution). */
  | { kind: 'shell'; tool: string; command: string }
  /** Reads, searches or fetches: never refused. */
  | { kind: 'read'; tool: string }
  /** A tool the adapter does not know: refused unless it is known not to write (fail closed). */
  | { kind: 'unknown'; tool: string; why: string };

/** A hook's input, read: the tool call, and where the agent runs. */
export interface HookInput {
  agent: GateAgent;
  call: ToolCall;
  /** The agent's working directory (absolute), when the input gives it; else the hook's own. */
  cwd?: string;
  /** The agent's session id, for the decision log. */
  session?: string;
  /** The hook event the input was sent for (`PreToolUse`, `preToolUse`, `BeforeTool` …). */
  event?: string;
  /**
   * The project folders the agent's session is open on, when its input names them (Cursor's
   * `workspace_roots`); the hook's environment may name one too (hook/session-projects.ts).
   */
  projects?: string[];
  /**
   * Other calls the agent may make of this one, each judged with it and the strictest answer
   * given: Gemini CLI's write_file, and the replace of its earlier releases, write a text
   * unescaped (`\\n` made a newline) where they take the model's escaping for a mistake.
   */
  alternatives?: ToolCall[];
}

/** What the gate answers: let the call run, ask the human at the agent's prompt, or refuse it. */
export type Verdict = 'allow' | 'ask' | 'deny';

/** One reason for an `ask` or a `deny`: the rule, the file, what the policy says, what to do instead. */
export interface GateReason {
  /** The rule's id (`MIG001`, `PATH001`), or `GATE` for the gate's own refusals (unreadable input …). */
  ruleId: string;
  /** The repository-relative file the reason is about, when there is one. */
  path?: string;
  /** The finding's message, or the gate's own sentence. */
  message: string;
  /** Where the policy says it (`slipway.yaml:12`), when a policy line decided. */
  policyLine?: string;
  /** What the agent should do instead: one sentence in plain words. */
  instead: string;
}

export interface GateDecision {
  verdict: Verdict;
  /** Empty for `allow`. */
  reasons: GateReason[];
}

/** The agent's answer, rendered: what the hook process prints and how it exits. */
export interface HookAnswer {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** An agent's adapter: its documented hook input read into a `HookInput`, a decision rendered as it reads one. */
export interface AgentAdapter {
  agent: GateAgent;
  /** The input, read; a string is why it cannot be (the gate then denies, failing closed). */
  read(input: unknown): HookInput | string;
  /** The decision as this agent's hook protocol says it (exit code, stdout JSON, stderr). */
  render(decision: GateDecision, input: HookInput | undefined): HookAnswer;
}

/**
 * Whether a path an agent hands the hook (a `cwd`, a workspace root, a project folder) is absolute,
 * POSIX or Windows (`C:\x`, `\\server\share`): a relative one would be resolved against the
 * hook process's own directory, not the agent's.
 */
export function isAbsoluteAgentPath(path: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path);
}
