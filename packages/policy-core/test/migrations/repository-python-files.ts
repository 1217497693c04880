import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Python files of the repository (fixtures, examples, tests), outside dependencies and builds. */
export function repositoryPythonFiles(dir = ROOT, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', '.git', 'dist', '.vscode-test', '.bench-cache'].includes(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) repositoryPythonFiles(path, out);
    else if (entry.name.endsWith('.py')) out.push(path);
  }
  return out;
}
