import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BATCH = fileURLToPath(new URL('../../scripts/oracle-batch.py', import.meta.url));

/**
 * A Python oracle (`script [options] <folder>`, printing JSON) asked about many folders, run over
 * all of them in one Python process (scripts/oracle-batch.py: the oracle's own code, run afresh
 * per folder) the first time one is asked for: a Python start costs about half a second of CPU on
 * the test machines, and the corpus tests asked one per tree and rule. Each test still reads its
 * own folder's answer, and a folder whose run failed fails that test with the oracle's error.
 */
export function batchedOracle<T>(
  script: string,
  options: string[],
  folders: () => string[],
): (folder: string) => T {
  let answers: Record<string, { stdout?: string; error?: string }> | undefined;
  return (folder) => {
    answers ??= JSON.parse(
      execFileSync('python3', [BATCH, script, ...options, '--', ...folders()], {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      }),
    ) as Record<string, { stdout?: string; error?: string }>;
    const answer = answers[folder];
    if (answer === undefined) throw new Error(`${folder}: not one of the folders the oracle batch was given`);
    if (answer.error !== undefined) throw new Error(`${script} on ${folder}: ${answer.error}`);
    return JSON.parse(answer.stdout as string) as T;
  };
}
