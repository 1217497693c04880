/** A fenced code block of a Markdown page: its info string's language, its text, where it starts. */
export interface FencedBlock {
  lang: string;
  text: string;
  /** 1-based line of the opening fence, for a failure that says where to look. */
  line: number;
}

/** Every fenced block (``` only: the pages checked here use no other fence) in order. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const lines = markdown.split('\n');
  let open: { lang: string; line: number; body: string[] } | undefined;
  lines.forEach((text, i) => {
    const fence = /^```(\S*)\s*$/.exec(text);
    if (open === undefined) {
      if (fence) open = { lang: fence[1] ?? '', line: i + 1, body: [] };
    } else if (fence && fence[1] === '') {
      blocks.push({ lang: open.lang, text: `${open.body.join('\n')}\n`, line: open.line });
      open = undefined;
    } else open.body.push(text);
  });
  if (open) throw new Error(`the block opened at line ${open.line} is never closed`);
  return blocks;
}

/**
 * The part of a page under one `## heading`, up to the next heading of that level, with the
 * page's line numbers kept (lines before it are blanked), so blocks found in it say their line.
 */
export function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.indexOf(`## ${heading}`);
  if (start === -1) throw new Error(`no "## ${heading}" heading`);
  const after = lines.slice(start + 1).findIndex((l) => l.startsWith('## '));
  const end = after === -1 ? lines.length : start + 1 + after;
  return lines.map((l, i) => (i >= start && i < end ? l : '')).join('\n');
}

/** The file a YAML block says it is, by the comment on its first line (`# slipway.yaml`). */
export function namedFile(block: FencedBlock): string | undefined {
  return /^# (\S+)\s*$/.exec(block.text.split('\n')[0] ?? '')?.[1];
}
