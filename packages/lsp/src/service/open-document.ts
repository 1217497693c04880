import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Located } from '../workspace/projects.js';
import type { ServiceState } from './service-state.js';

/** An open buffer and where it lives (its project and repo-relative path). */
export interface OpenDocument extends Located {
  doc: TextDocument;
}

/**
 * The buffer a request names and its project: what hovers, completions, definitions, lenses and
 * quick fixes read. Undefined when the editor has no such buffer or no project holds the file.
 */
export async function locateOpenDocument(
  state: ServiceState,
  uri: string,
): Promise<OpenDocument | undefined> {
  const doc = state.host.documents.get(uri);
  const where = await state.projects.locate(uri);
  return doc && where ? { doc, ...where } : undefined;
}
