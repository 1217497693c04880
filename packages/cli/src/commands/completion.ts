import type { Command, CommandContext, CommandEntry } from '../command.js';
import { UserError } from '../command.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;

/** A command's flags, read from its own usage text: the one place they are written down. */
function flagsOf(usage: string): string[] {
  const flags = new Set<string>();
  for (const m of usage.matchAll(/^\s+(--[a-z][a-z0-9-]*)/gm)) flags.add(m[1] as string);
  flags.add('--help');
  return [...flags];
}

const shellWords = (words: readonly string[]) => words.join(' ');
const fishQuote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function bash(entries: { name: string; summary: string; flags: string[] }[]): string {
  const cases = entries.map((e) => `    ${e.name}) words="${shellWords(e.flags)}" ;;`).join('\n');
  return `# slipway completion for bash: add \`source <(slipway completion bash)\` to ~/.bashrc
_slipway() {
  local cur=\${COMP_WORDS[COMP_CWORD]} words
  if [ "$COMP_CWORD" -eq 1 ]; then
    words="${shellWords([...entries.map((e) => e.name), 'help', '--help', '--version'])}"
  else
    case "\${COMP_WORDS[1]}" in
${cases}
    help) words="${shellWords(entries.map((e) => e.name))}" ;;
    *) words="" ;;
    esac
  fi
  # Files and paths stay available after flags that take them (-o default).
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _slipway slipway
`;
}

function fish(entries: { name: string; summary: string; flags: string[] }[]): string {
  const lines = [
    '# slipway completion for fish: slipway completion fish > ~/.config/fish/completions/slipway.fish',
  ];
  for (const e of entries) {
    lines.push(`complete -c slipway -n __fish_use_subcommand -a ${e.name} -d ${fishQuote(e.summary)}`);
    for (const f of e.flags)
      lines.push(`complete -c slipway -n '__fish_seen_subcommand_from ${e.name}' -l ${f.slice(2)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The command, over the list it completes (given by the list itself, which loads this module). */
export const completionCommand = (commands: readonly CommandEntry[]): Command => ({
  name: 'completion',
  usage: `Usage: slipway completion bash|zsh|fish

Prints a shell completion script for slipway's commands and each command's flags.
  bash:  source <(slipway completion bash)             (in ~/.bashrc)
  zsh:   source <(slipway completion zsh)              (in ~/.zshrc; uses bashcompinit)
  fish:  slipway completion fish > ~/.config/fish/completions/slipway.fish`,
  run: async (ctx: CommandContext) => {
    const shell = ctx.argv[0];
    if (ctx.argv.length !== 1 || !(SHELLS as readonly string[]).includes(shell ?? ''))
      throw new UserError(`name one shell: \`slipway completion ${SHELLS.join('|')}\``);
    const entries = await Promise.all(
      commands
        .filter((c) => c.name !== 'completion')
        .map(async (c) => ({ name: c.name, summary: c.summary, flags: flagsOf((await c.load()).usage) })),
    );
    const script =
      shell === 'fish'
        ? fish(entries)
        : shell === 'zsh'
          ? `# slipway completion for zsh (through bash's completion support)\nautoload -U +X bashcompinit && bashcompinit\n${bash(entries)}`
          : bash(entries);
    ctx.stdout.write(script);
    return 0;
  },
});
