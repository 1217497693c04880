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

/**
 * The "how to suppress" section of the DEP rules whose findings may also stand in an npm-family
 * file. package.json and package-lock.json are strict JSON and bun.lock is JSONC Bun rewrites:
 * none can hold a `#` comment, and a comment in pnpm-lock.yaml or yarn.lock is gone at the next
 * install (suppressions/directives.ts generatedNpmLock). There one finding is lifted by a policy
 * `waivers:` entry (suppressions/policy-waivers.ts), the mechanism made for files without a line
 * to comment.
 */
export function depSuppressDocs(id: string): string {
  return (
    `One finding in a requirements file, pyproject.toml, a Python lock or pnpm-workspace.yaml: \`# slipway: allow ${id} -- reason\` ` +
    'on its line or the line above. In package.json, package-lock.json, npm-shrinkwrap.json, pnpm-lock.yaml, ' +
    'yarn.lock or bun.lock, which hold no comment (JSON) or lose it when the package manager rewrites the ' +
    `lock, list it under the policy's \`waivers:\` instead: \`- { rule: ${id}, paths: [package.json], ` +
    'until: YYYY-MM-DD, reason: …, approved_by: … }`. Every finding: ' +
    `\`rules: { ${id}: off }\` (or another severity) in the policy.`
  );
}
