import { StringDecoder } from 'node:string_decoder';

/**
 * One line a deploy, rollback or smoke command wrote, with its stream.
 */
export interface OutputLine {
  stream: 'stdout' | 'stderr';
  line: string;
}

/** How much of a command's output is passed on before the rest is dropped (the log keeps none of it). */
export const MAX_OUTPUT_BYTES = 1024 * 1024;

/** Environment variable names whose values are secrets that must not be echoed back. */
const SECRET_NAME = /(SECRET|TOKEN|PASSWORD|PASSWD|PASSPHRASE|API_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH)/i;
/** Shorter values are too likely to be ordinary words ("true", "prod") to hide. */
const MIN_SECRET_LENGTH = 6;

/**
 * A redactor for command output: the values of secret-named variables the command was given,
 * and the password in any `scheme://user:password@host` URL, become `***`. A deploy script that
 * echoes its environment must not put a token on a terminal, a CI log or an editor's output panel.
 */
export function secretRedactor(env: Record<string, string | undefined>): (line: string) => string {
  const secrets = Object.entries(env)
    .filter(
      ([name, value]) => SECRET_NAME.test(name) && value !== undefined && value.length >= MIN_SECRET_LENGTH,
    )
    .map(([, value]) => value as string)
    .sort((a, b) => b.length - a.length);
  return (line) => {
    let out = line.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, '$1***@');
    for (const s of secrets) if (out.includes(s)) out = out.split(s).join('***');
    return out;
  };
}

/**
 * Splits a command's two output streams into lines (a partial line is held until its newline or
 * the end), redacts secrets, and stops passing lines on after `maxBytes`, saying so once.
 * @internal
 */
export function outputLines(
  emit: (line: OutputLine) => void,
  env: Record<string, string | undefined>,
  maxBytes = MAX_OUTPUT_BYTES,
  redactExpanded: (line: string) => string = (l) => l,
) {
  const named = secretRedactor(env);
  const redact = (line: string) => named(redactExpanded(line));
  let passed = 0;
  let capped = false;
  const send = (stream: OutputLine['stream'], line: string) => {
    if (capped) return;
    passed += Buffer.byteLength(line) + 1;
    if (passed > maxBytes) {
      capped = true;
      emit({ stream, line: `(output over ${Math.round(maxBytes / 1024)} KiB: the rest is not shown)` });
      return;
    }
    emit({ stream, line: redact(line) });
  };
  return {
    stream(stream: OutputLine['stream']) {
      let pending = '';
      // A character whose bytes straddle two chunks is decoded whole, not as two replacement marks.
      const decoder = new StringDecoder('utf8');
      return {
        write(chunk: Buffer) {
          pending += decoder.write(chunk);
          const lines = pending.split('\n');
          pending = lines.pop() ?? '';
          for (const l of lines) send(stream, l);
        },
        flush() {
          pending += decoder.end();
          if (pending) send(stream, pending);
          pending = '';
        },
      };
    },
  };
}
