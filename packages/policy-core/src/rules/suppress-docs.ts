/**
 * The "how to suppress" section of the rules whose findings stand on a line that can carry a `#`
 * comment (requirements files, the policy, update.toml), written once so that they cannot drift.
 */
export function commentSuppressDocs(id: string): string {
  return (
    `One finding: \`# slipway: allow ${id} -- reason\` on its line or the line above. Every finding: ` +
    `\`rules: { ${id}: off }\` (or another severity) in the policy.`
  );
}
