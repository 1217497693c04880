import { AGENTS_MD_BEGIN, AGENTS_MD_END } from './render-section.js';

/** Where AGENTS.md's marked section is: none, one (offsets of its first and past its last byte), or broken. */
export type SectionPlace =
  | { kind: 'none' }
  | { kind: 'one'; start: number; end: number; line: number }
  | { kind: 'broken'; reason: string; line: number };

/** Offsets of each line of `text` that is `marker` (surrounding blanks allowed). */
function markerLines(text: string, marker: string): { offset: number; line: number }[] {
  const found: { offset: number; line: number }[] = [];
  let offset = 0;
  let line = 0;
  for (const raw of text.split('\n')) {
    if (raw.trim() === marker) found.push({ offset: offset + raw.indexOf(marker), line });
    offset += raw.length + 1;
    line++;
  }
  return found;
}

/**
 * Finds the section between `<!-- slipway:begin -->` and `<!-- slipway:end -->`, each alone on
 * its line. Two begins, two ends, one without the other or an end first is broken: which text is
 * Slipway's is then unclear, so nothing is replaced (the line says which marker).
 */
export function findAgentsSection(text: string): SectionPlace {
  const begins = markerLines(text, AGENTS_MD_BEGIN);
  const ends = markerLines(text, AGENTS_MD_END);
  if (begins.length === 0 && ends.length === 0) return { kind: 'none' };
  const broken = (reason: string, line: number): SectionPlace => ({
    kind: 'broken',
    line,
    reason: `${reason}; fix the markers by hand (one ${AGENTS_MD_BEGIN} line, then one ${AGENTS_MD_END} line), then run \`slipway agents-md\``,
  });
  if (begins.length > 1) return broken(`${AGENTS_MD_BEGIN} appears ${begins.length} times`, begins[1]!.line);
  if (ends.length > 1) return broken(`${AGENTS_MD_END} appears ${ends.length} times`, ends[1]!.line);
  const [begin] = begins;
  const [end] = ends;
  if (!begin) return broken(`${AGENTS_MD_END} without ${AGENTS_MD_BEGIN}`, end!.line);
  if (!end) return broken(`${AGENTS_MD_BEGIN} without ${AGENTS_MD_END}`, begin.line);
  if (end.offset < begin.offset) return broken(`${AGENTS_MD_END} comes before ${AGENTS_MD_BEGIN}`, end.line);
  const after = end.offset + AGENTS_MD_END.length;
  return {
    kind: 'one',
    start: begin.offset,
    end: text.startsWith('\n', after) ? after + 1 : after,
    line: begin.line,
  };
}

/** The section as the file holds it, line endings as `\n`, for comparing with what would be written. */
export function sectionText(text: string, place: { start: number; end: number }): string {
  const s = text.slice(place.start, place.end).replaceAll('\r\n', '\n');
  return s.endsWith('\n') ? s : `${s}\n`;
}

/**
 * AGENTS.md with `section` in place: the file created, the section appended when absent, or the
 * marked text replaced; every byte outside the markers kept.
 */
export function updateAgentsMd(
  existing: string | undefined,
  section: string,
  file = 'AGENTS.md',
): { ok: true; text: string; status: 'created' | 'updated' | 'unchanged' } | { ok: false; reason: string } {
  if (existing === undefined) return { ok: true, text: section, status: 'created' };
  const place = findAgentsSection(existing);
  if (place.kind === 'broken') return { ok: false, reason: `${file}:${place.line + 1}: ${place.reason}` };
  if (place.kind === 'none') {
    const sep =
      existing === '' ? '' : existing.endsWith('\n\n') ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
    return { ok: true, text: `${existing}${sep}${section}`, status: 'updated' };
  }
  if (sectionText(existing, place) === section) return { ok: true, text: existing, status: 'unchanged' };
  const text = existing.slice(0, place.start) + section + existing.slice(place.end);
  return { ok: true, text, status: 'updated' };
}

/** AGENTS.md in the policy's folder (a nested policy governs its folder, and its agents read the one there). */
export function agentsMdBeside(policyFile: string): string {
  const slash = policyFile.lastIndexOf('/');
  return slash < 0 ? 'AGENTS.md' : `${policyFile.slice(0, slash)}/AGENTS.md`;
}
