import { isUtf8 } from 'node:buffer';
import { join } from 'node:path';

/**
 * Git paths are bytes. Slipway paths are strings. Valid UTF-8 decodes as usual; each byte of an
 * invalid sequence becomes the lone surrogate U+DC80..U+DCFF (Python's "surrogateescape",
 * PEP 383). Valid UTF-8 never decodes to a lone surrogate, so the mapping is lossless:
 * `encodePath(decodePath(b))` gives back `b`, and such a path can still be opened on disk or
 * asked of git. In JSON output these show as `\udcXX` escapes.
 */
export function decodePath(bytes: Uint8Array): string {
  if (isUtf8(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return decodeEscaping(bytes);
}

/** Sequence length for a UTF-8 lead byte, or 0 when it cannot start a sequence. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Decodes one well-formed sequence at i, or returns -1 (overlong, surrogate, out of range, cut). */
function decodeAt(bytes: Uint8Array, i: number, len: number): number {
  if (i + len > bytes.length) return -1;
  let cp = len === 2 ? bytes[i]! & 0x1f : len === 3 ? bytes[i]! & 0x0f : bytes[i]! & 0x07;
  for (let k = 1; k < len; k++) {
    const b = bytes[i + k]!;
    if ((b & 0xc0) !== 0x80) return -1;
    cp = (cp << 6) | (b & 0x3f);
  }
  const min = len === 2 ? 0x80 : len === 3 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return -1;
  return cp;
}

function decodeEscaping(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const len = sequenceLength(lead);
    if (len === 1) {
      out += String.fromCharCode(lead);
      i += 1;
      continue;
    }
    const cp = len === 0 ? -1 : decodeAt(bytes, i, len);
    if (cp < 0) {
      out += String.fromCharCode(0xdc00 + lead);
      i += 1;
    } else {
      out += String.fromCodePoint(cp);
      i += len;
    }
  }
  return out;
}

const ESCAPED = /[\udc80-\udcff]/;

/**
 * True when a path holds bytes that were not UTF-8 in git (see decodePath).
 * @internal
 */
export function hasEscapedBytes(path: string): boolean {
  return ESCAPED.test(path);
}

/** The exact bytes git knows a path by: the inverse of decodePath. */
export function encodePath(path: string): Buffer {
  if (!hasEscapedBytes(path)) return Buffer.from(path, 'utf8');
  const parts: Buffer[] = [];
  let run = '';
  for (const ch of path) {
    const code = ch.charCodeAt(0);
    if (ch.length === 1 && code >= 0xdc80 && code <= 0xdcff) {
      if (run) parts.push(Buffer.from(run, 'utf8'));
      run = '';
      parts.push(Buffer.of(code - 0xdc00));
    } else run += ch;
  }
  if (run) parts.push(Buffer.from(run, 'utf8'));
  return Buffer.concat(parts);
}

/**
 * Splits NUL-terminated git output (`-z`) into decoded strings. The common case, all valid
 * UTF-8, is one decode and one split; only output with foreign bytes is decoded per field.
 */
export function splitZ(buf: Buffer): string[] {
  if (buf.length === 0) return [];
  const end = buf[buf.length - 1] === 0 ? buf.length - 1 : buf.length;
  if (isUtf8(buf)) return buf.toString('utf8', 0, end).split('\0');
  const out: string[] = [];
  let start = 0;
  for (;;) {
    const nul = buf.indexOf(0, start);
    if (nul === -1 || nul >= end) {
      out.push(decodePath(buf.subarray(start, end)));
      return out;
    }
    out.push(decodePath(buf.subarray(start, nul)));
    start = nul + 1;
  }
}

/**
 * Where the repository file `path` is on disk, for Node's fs: a string as usual; the path's own
 * bytes when it holds bytes that are not UTF-8 (a string would be encoded as UTF-8, another name).
 */
export function diskPath(root: string, path: string): string | Buffer {
  return hasEscapedBytes(path)
    ? Buffer.concat([Buffer.from(`${root}/`, 'utf8'), encodePath(path)])
    : join(root, path);
}

/** How git names a file of a commit (`<commit>:<path>`), in the path's own bytes. */
export function blobObject(commit: string, path: string): Buffer {
  return Buffer.concat([Buffer.from(`${commit}:`, 'utf8'), encodePath(path)]);
}
