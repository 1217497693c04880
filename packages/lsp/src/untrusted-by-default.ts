/**
 * What a user sees once when their editor started the server without saying the workspace is
 * trusted: why findings are fewer than `slipway check` shows, and the one setting that changes
 * it. The README's "In your editor" gives that setting for each editor it sets up.
 */
export const UNTRUSTED_BY_DEFAULT =
  'Slipway: Restricted Mode (the editor did not say this workspace is trusted): findings in open files only; no git, no commands, no `extends:` base fetched. To trust your repositories, set `workspaceTrusted: true` in the Slipway server\'s initialization options in your own editor settings (README, "In your editor").';
