/**
 * One file a tool call would write, as the gate judges it: the node layer reads each agent's call
 * (a Write's text, an Edit applied to the file on disk, a patch, a shell command's targets) into
 * these, repository-relative and confined to the repository.
 */
export interface ProposedWrite {
  /** Repository-relative, POSIX separators. */
  path: string;
  /**
   * The file's text after the call; `null` when the call removes it; `undefined` when it writes
   * something the gate cannot know (`sed -i`, a redirection of a program's output): judged by
   * its path, and refused where a rule would have to read the text.
   */
  after: string | null | undefined;
  /** How the call writes it, for the reason: `Write`, `Edit`, `sed -i`, `rm`. */
  how: string;
}
