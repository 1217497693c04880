import { rmSync } from 'node:fs';
import { DeployFixture } from './deploy-repo.js';

interface Template {
  template: DeployFixture;
  made: unknown;
}

/** Templates built in this test worker, by recipe (a worker runs many files: isolate is off). */
const templates = new Map<string, Promise<Template>>();
/** Their folders, removed as the worker exits ('exit' runs no promise callback: kept apart, read synchronously). */
const folders: string[] = [];
process.once('exit', () => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/**
 * A started fixture that begins where `prepare` left `make()`'s: the promotes a file starts from
 * (v1 shipped, v2 on staging…) are its starting point, not what it tests, and each costs a second
 * of CPU. So the recipe runs once per test worker, for real (the same promotes, servers and deploy
 * script), and every caller gets a copy of what it left: repository, record, log and deploy state.
 * The recipe is known by its name and its text (make and prepare as written), so two files share
 * a template only when they ask for the same thing. `made`: what prepare returned (the SHAs it shipped).
 */
export async function preparedFixture<F extends DeployFixture, T>(
  /** What the recipe depends on beyond its text (the arguments its closures see). */
  name: string,
  make: () => F,
  prepare: (f: F) => Promise<T>,
): Promise<{ f: F; made: T }> {
  const recipe = `${name}\n${make}\n${prepare}`;
  let built = templates.get(recipe);
  if (!built) {
    built = (async () => {
      const template = make();
      folders.push(template.repo.dir, template.state);
      await template.start();
      try {
        return { template, made: await prepare(template) };
      } finally {
        await template.stopServers();
      }
    })();
    templates.set(recipe, built);
    // A failed recipe fails its caller, and the next caller builds it again.
    built.catch(() => templates.delete(recipe));
  }
  const { template, made } = await built;
  return { f: await (template as F).copy().start(), made: made as T };
}

/**
 * v1 (the fixture's first commit) shipped to production, then v2, v3 committed (app.txt) and each
 * shipped as far as `later` says. The SHAs of those made ('' for a version not made).
 */
export async function shipped<F extends DeployFixture = DeployFixture>(
  later: ('commit' | 'staging' | 'production')[] = [],
  make: () => F = () => new DeployFixture() as F,
): Promise<{ f: F; v1: string; v2: string; v3: string }> {
  const { f, made } = await preparedFixture(`shipped, then ${later.join(', ')}`, make, async (t) => {
    const shas = [await t.ship()];
    for (const [i, upTo] of later.entries()) shas.push(await t.release(`v${i + 2}`, upTo));
    return shas;
  });
  return { f, v1: made[0] ?? '', v2: made[1] ?? '', v3: made[2] ?? '' };
}
