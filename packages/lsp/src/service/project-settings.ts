import type { Settings } from '../features/settings.js';
import { fileUri } from '../workspace/paths.js';
import type { Project } from '../workspace/project.js';
import type { ServiceState } from './service-state.js';

/**
 * The settings of `scopeUri` (a file, or the project's folder), after the project has taken its
 * policy file from the settings of its folder: the policy file is a setting of the repository's
 * folder, not of each file in it.
 */
export async function settingsFor(
  state: ServiceState,
  project: Project,
  scopeUri?: string,
): Promise<Settings> {
  const own = scopeUri === undefined ? undefined : await state.settings.get(scopeUri);
  const folder = await state.settings.get(fileUri(project.root, ''));
  project.usePolicyFile(folder.policyFile);
  return own ?? folder;
}
