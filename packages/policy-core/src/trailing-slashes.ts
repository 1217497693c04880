/**
 * `text` without the slashes at its end. A scan: the regular expression `/\/+$/` tries every start
 * in a run of slashes and reads the run to its end each time, so a word of 100,000 slashes before a
 * letter held the hook 13 seconds, and three times as many past the agent's hook timeout, which
 * lets the call run. Every path and URL whose end is trimmed goes through here: a policy file or a
 * setting is input as well (a pattern of a million slashes held a check for minutes).
 */
export function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x2f) end--;
  return text.slice(0, end);
}
