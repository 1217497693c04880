/** One requirements file and the lock init pairs it with; the lock always exists. */
export interface DetectedPair {
  requirements: string;
  lock: string;
  mode: 'mirror' | 'superset';
  /** The tool the pairing comes from, for the decision line and the policy's comment. */
  layout: 'pip-tools' | 'requirements' | 'uv' | 'poetry' | 'npm' | 'pnpm' | 'yarn' | 'bun';
  /** Requirements in the input that are not `==` pins (a pip-tools input holds ranges on purpose). */
  unpinned: number;
}
