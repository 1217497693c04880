export { renderGithub } from './github.js';
export { MARKDOWN_ROWS, renderMarkdown } from './markdown.js';
export { type JsonFinding, type JsonReport, renderJson, toJsonReport } from './json.js';
export { type PrintedRange, printedRange } from './locations.js';
export { printable } from './printable.js';
export { renderSarif, type SarifOptions, toSarif } from './sarif.js';
export { exitCodeFor, type Summary, summarize } from './summary.js';
export { renderText } from './text.js';
