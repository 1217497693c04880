import { describe, expect, it } from 'vitest';
import { adapterFor, isGateAgent } from '../../src/agent-gate/agents/index.js';
import { GATE_AGENTS, type GateAgent, type HookInput } from '../../src/agent-gate/tool-call.js';
import { LIMITS } from '../../src/limits.js';

/**
 * An input an adapter cannot read is a sentence, never a throw (the hook's failure would let the
 * call run) and never a guess: the gate refuses the call with that sentence. Each hostile input
 * sits beside a near miss that must still be read.
 */
const claude = (tool: string, toolInput: unknown) =>
  adapterFor('claude').read({
    session_id: 's',
    cwd: '/w',
    hook_event_name: 'PreToolUse',
    tool_name: tool,
    tool_input: toolInput,
  });
const codex = (tool: string, toolInput: unknown) =>
  adapterFor('codex').read({
    session_id: 's',
    cwd: '/w',
    hook_event_name: 'PreToolUse',
    tool_name: tool,
    tool_input: toolInput,
  });
const copilot = (tool: string, toolArgs: unknown) =>
  adapterFor('copilot').read({ timestamp: 1, cwd: '/w', toolName: tool, toolArgs });
const cursor = (fields: Record<string, unknown>) =>
  adapterFor('cursor').read({ conversation_id: 'c', workspace_roots: ['/w'], ...fields });
const gemini = (tool: string, toolInput: unknown) =>
  adapterFor('gemini').read({
    session_id: 's',
    cwd: '/w',
    hook_event_name: 'BeforeTool',
    tool_name: tool,
    tool_input: toolInput,
  });

const call = (read: HookInput | string) => {
  if (typeof read === 'string') throw new Error(`expected a call, got: ${read}`);
  return read.call;
};

describe('malformed hook inputs are one sentence each, for every agent', () => {
  it('only the five agents have an adapter: a name from the command line is checked first', () => {
    expect(GATE_AGENTS.every(isGateAgent)).toBe(true);
    for (const name of ['constructor', '__proto__', 'toString', 'Claude', ''])
      expect(isGateAgent(name)).toBe(false);
    expect(() => adapterFor('constructor' as GateAgent)).toThrow('no hook adapter for "constructor"');
  });

  it.each([
    ['null', null],
    ['an array', [{ tool_name: 'Write' }]],
    ['a string', '{"tool_name":"Write"}'],
    ['a number', 42],
    ['an empty object', {}],
  ])('%s is refused with a sentence, not a throw', (_what, value) => {
    for (const agent of GATE_AGENTS) {
      const read = adapterFor(agent).read(value);
      expect(typeof read).toBe('string');
      expect(read as string).toMatch(/^(the hook input|tool_name|toolName|hook_event_name) is /);
    }
  });

  it('a hook registered for another event is refused (near miss: no event named is read)', () => {
    const post = { session_id: 's', cwd: '/w', tool_name: 'Bash', tool_input: { command: 'ls' } };
    expect(adapterFor('claude').read({ ...post, hook_event_name: 'PostToolUse' })).toBe(
      "hook_event_name is 'PostToolUse': the gate answers PreToolUse only",
    );
    expect(adapterFor('gemini').read({ ...post, hook_event_name: 'AfterTool' })).toMatch(
      /answers BeforeTool only/,
    );
    expect(adapterFor('codex').read(post)).toMatchObject({ call: { kind: 'shell' } });
  });

  it('a relative working directory is refused (near miss: a Windows drive path is absolute)', () => {
    expect(adapterFor('claude').read({ cwd: 'app', tool_name: 'Read', tool_input: {} })).toBe(
      "the working directory 'app' is not an absolute path",
    );
    expect(copilot('view', '{}')).toMatchObject({ cwd: '/w' });
    expect(adapterFor('copilot').read({ cwd: 'C:\\repo', toolName: 'view', toolArgs: '{}' })).toMatchObject({
      cwd: 'C:\\repo',
    });
  });

  it('a tool name of the wrong type, empty or past its limit is refused', () => {
    expect(claude(7 as unknown as string, {})).toBe('tool_name is a number, not a string');
    expect(claude('', {})).toBe('tool_name is empty');
    expect(claude('W'.repeat(LIMITS.agentGate.toolNameChars + 1), {})).toMatch(/past the limit of 512/);
    expect(call(claude('W'.repeat(LIMITS.agentGate.toolNameChars), {})).kind).toBe('unknown');
  });
});

describe('Claude Code', () => {
  it('a write whose fields have the wrong types is refused, naming the field', () => {
    expect(claude('Write', { file_path: '/w/a', content: 5 })).toBe(
      'tool_input.content is a number, not a string',
    );
    expect(claude('Write', { content: 'x' })).toBe('tool_input.file_path is missing');
    expect(claude('Write', 'not an object')).toBe('tool_input is a string, not an object');
    expect(claude('Edit', { file_path: '/w/a', old_string: 'a', new_string: 'b', replace_all: 'yes' })).toBe(
      'tool_input.replace_all is a string, not true or false',
    );
    expect(claude('MultiEdit', { file_path: '/w/a', edits: {} })).toBe('tool_input.edits is not a list');
    expect(claude('MultiEdit', { file_path: '/w/a', edits: [] })).toBe('tool_input.edits is empty');
    expect(claude('MultiEdit', { file_path: '/w/a', edits: [null] })).toBe(
      'tool_input.edits[0] is not an object',
    );
  });

  it('an empty path is refused: it names the working directory, no file (near miss: a one-letter path is read)', () => {
    expect(claude('Write', { file_path: '', content: 'x' })).toBe('tool_input.file_path is empty');
    expect(gemini('write_file', { file_path: '', content: 'x' })).toBe('tool_input.file_path is empty');
    expect(copilot('create', '{"path":"","file_text":"x"}')).toBe('toolArgs.path is empty');
    expect(cursor({ hook_event_name: 'preToolUse', tool_name: 'Delete', tool_input: { path: '' } })).toBe(
      'tool_input.file_path is empty',
    );
    expect(call(claude('Write', { file_path: 'a', content: 'x' }))).toMatchObject({
      kind: 'write',
      path: 'a',
    });
  });

  it("an edit of the empty string is refused, but for Claude's and Gemini's, which create the file (near miss: replacing with the empty string is read)", () => {
    expect(call(gemini('replace', { file_path: '/w/a', old_string: '', new_string: 'x' }))).toMatchObject({
      edits: [{ oldText: '', newText: 'x' }],
      appliedAs: 'gemini-replace',
    });
    expect(copilot('edit', '{"path":"/w/a","old_str":"","new_str":"x"}')).toBe(
      'toolArgs: the text to replace is empty',
    );
    expect(call(claude('Edit', { file_path: '/w/a', old_string: '', new_string: 'x' }))).toMatchObject({
      edits: [{ oldText: '', newText: 'x' }],
    });
    expect(call(claude('Edit', { file_path: '/w/a', old_string: 'x', new_string: '' }))).toEqual({
      kind: 'edit',
      tool: 'Edit',
      path: '/w/a',
      edits: [{ oldText: 'x', newText: '' }],
    });
  });

  it('content past the size limit is refused unread (near miss: at the limit it is read)', () => {
    const atLimit = 'x'.repeat(LIMITS.agentGate.textChars);
    expect(claude('Write', { file_path: '/w/a', content: `${atLimit}x` })).toBe(
      `tool_input.content has ${LIMITS.agentGate.textChars + 1} characters, past the limit of ${LIMITS.agentGate.textChars}`,
    );
    expect(call(claude('Write', { file_path: '/w/a', content: atLimit })).kind).toBe('write');
  });

  it('tool names are exact: `write` and `bash` are not Claude tools, so they are unknown', () => {
    expect(call(claude('write', { file_path: '/w/a', content: 'x' })).kind).toBe('unknown');
    expect(call(claude('bash', { command: 'rm -rf /' })).kind).toBe('unknown');
    expect(call(claude('Bash', { command: 'rm -rf /' })).kind).toBe('shell');
    // A skill's instructions are read; a custom slash command may run shell lines: unknown.
    expect(call(claude('Skill', { skill: 'pdf' })).kind).toBe('read');
    expect(call(claude('SlashCommand', { command: '/deploy' })).kind).toBe('unknown');
  });
});

describe('Codex', () => {
  it('an argv command is the script a shell -c runs, or the words quoted as they run', () => {
    const cmd = (command: unknown) => call(codex('Bash', { command }));
    expect(cmd(['bash', '-lc', 'git push --force'])).toMatchObject({ command: 'git push --force' });
    expect(cmd(['/bin/sh', '-c', 'rm x'])).toMatchObject({ command: 'rm x' });
    expect(cmd(['rm', '-rf', 'a b', "it's"])).toMatchObject({ command: `rm -rf 'a b' 'it'\\''s'` });
    // With words after the script they are its $0, $1 …: the whole argv is quoted instead.
    expect(cmd(['bash', '-c', 'rm "$1"', 'x', 'db'])).toMatchObject({ command: `bash -c 'rm "$1"' x db` });
    expect(cmd(['python3', '-c', 'print(1)'])).toMatchObject({ command: `python3 -c 'print(1)'` });
  });

  it('a malformed command or patch is refused', () => {
    expect(codex('Bash', { command: ['rm', 3] })).toBe('tool_input.command[1] is not a string');
    expect(codex('Bash', { command: [] })).toBe('tool_input.command is an empty list');
    expect(codex('Bash', { command: { rm: true } })).toBe(
      'tool_input.command is an object, not a string or a list of strings',
    );
    expect(
      codex('apply_patch', { command: '*** Begin Patch\n*** Frobnicate File: x\n*** End Patch' }),
    ).toMatch(
      /^the apply_patch patch cannot be read: line 2: '\*\*\* Frobnicate File: x' is not a valid file header/,
    );
    expect(codex('apply_patch', { patch: '*** Begin Patch\n*** End Patch' })).toBe(
      'tool_input.command is missing',
    );
  });
});

describe('Copilot', () => {
  it('toolArgs that is not JSON, not an object, or nests past the limit is refused', () => {
    expect(copilot('bash', '{"command": "rm -rf /"')).toBe('toolArgs is not valid JSON');
    expect(copilot('bash', '["rm"]')).toBe('toolArgs is an array, not a JSON object');
    expect(copilot('bash', 7)).toBe('toolArgs is a number, not a JSON object');
    const deep = `${'['.repeat(LIMITS.agentGate.depth + 1)}${']'.repeat(LIMITS.agentGate.depth + 1)}`;
    expect(copilot('bash', `{"command":"x","a":${deep}}`)).toBe('toolArgs nests deeper than 64 levels');
    expect(call(copilot('bash', '{"command":"x","a":[[1]]}'))).toEqual({
      kind: 'shell',
      tool: 'bash',
      command: 'x',
    });
  });

  it('an apply_patch whose toolArgs is not the raw patch text is refused (near miss: the patch itself is read)', () => {
    const patch = '*** Begin Patch\n*** Add File: a.md\n+x\n*** End Patch\n';
    // Copilot refuses a JSON-wrapped patch itself (github/copilot-cli #4553); the SDK's object is unknown.
    expect(copilot('apply_patch', JSON.stringify({ input: patch }))).toMatch(
      /^the apply_patch patch cannot be read: the first line of the patch must be '\*\*\* Begin Patch'/,
    );
    expect(copilot('apply_patch', { input: patch })).toBe('toolArgs is an object, not the patch text');
    expect(call(copilot('apply_patch', patch))).toMatchObject({
      kind: 'patch',
      files: [{ op: 'add', path: 'a.md', content: 'x\n' }],
    });
  });

  it('a tool that commits and pushes, or types into a running command, is unknown (near miss: reading one is read)', () => {
    expect(call(copilot('report_progress', '{"commitMessage":"x","prDescription":"y"}')).kind).toBe(
      'unknown',
    );
    expect(call(copilot('write_bash', '{"sessionId":"main","input":"rm -rf db\\n"}')).kind).toBe('unknown');
    expect(call(copilot('read_bash', '{"sessionId":"main","delay":10}')).kind).toBe('read');
  });
});

describe('Cursor', () => {
  it('an event the gate does not answer is refused (afterFileEdit runs after the edit: it cannot block)', () => {
    expect(cursor({ hook_event_name: 'afterFileEdit', file_path: '/w/a', edits: [] })).toMatch(
      /^hook_event_name 'afterFileEdit' is not an event the gate answers/,
    );
  });

  it('a write naming its file two different ways is refused (near miss: the same way twice is read)', () => {
    const write = (toolInput: unknown) =>
      cursor({ hook_event_name: 'preToolUse', tool_name: 'Write', tool_input: toolInput });
    expect(write({ file_path: '/w/README.md', path: '/w/slipway.yaml', contents: 'x' })).toBe(
      'tool_input gives file_path and path with different values',
    );
    expect(call(write({ file_path: '/w/a', path: '/w/a', contents: 'x' }))).toMatchObject({
      kind: 'write',
      path: '/w/a',
    });
    expect(write({ target_file: '/w/a', contents: 'x' })).toBe('tool_input.file_path is missing');
  });
});

describe('Gemini CLI', () => {
  it('a bad expected_replacements is refused', () => {
    const replace = (n: unknown) =>
      gemini('replace', { file_path: '/w/a', old_string: 'a', new_string: 'b', expected_replacements: n });
    expect(replace(0)).toMatch(/expected_replacements is a number, not a whole number from 1/);
    expect(replace('2')).toMatch(/expected_replacements is a string/);
    expect(call(replace(1))).toMatchObject({ edits: [{ oldText: 'a', newText: 'b' }] });
  });

  it('a shell command runs where dir_path says (absolute as given, relative under cwd)', () => {
    const run = (dir: string) => gemini('run_shell_command', { command: 'ls', dir_path: dir });
    expect(run('/srv/other')).toMatchObject({ cwd: '/srv/other' });
    expect(run('sub/dir')).toMatchObject({ cwd: '/w/sub/dir' });
    expect(gemini('run_shell_command', { command: 'ls' })).toMatchObject({ cwd: '/w' });
  });
});

describe('Codex', () => {
  it('a shell command runs where workdir says, when Codex gives it (absolute as given, relative under cwd)', () => {
    const run = (workdir: unknown) => codex('Bash', { command: 'ls', workdir });
    expect(run('/srv/other')).toMatchObject({ cwd: '/srv/other' });
    expect(run('.claude')).toMatchObject({ cwd: '/w/.claude' });
    expect(run(7)).toMatch(/workdir is a number/);
    // Near misses: no workdir, and a workdir beside a tool that is not a shell, change nothing.
    expect(codex('Bash', { command: 'ls' })).toMatchObject({ cwd: '/w' });
    expect(codex('read_file', { path: 'a', workdir: '/srv/other' })).toMatchObject({ cwd: '/w' });
  });
});
