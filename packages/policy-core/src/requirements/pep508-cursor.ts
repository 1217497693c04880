import { skipWs } from './pep508-scan.js';

/** A syntax error in a requirement, with offsets into its text (packaging's ParserSyntaxError). */
export class Pep508Error {
  constructor(
    readonly message: string,
    readonly start: number,
    readonly end: number,
  ) {}
}

/** Position in a requirement string, shared by the requirement and the marker parsers. */
export class Cursor {
  pos = 0;
  constructor(readonly s: string) {}
  fail(message: string, start = this.pos, end = this.pos): never {
    throw new Pep508Error(message, start, Math.max(end, start));
  }
  ws(): void {
    this.pos = skipWs(this.s, this.pos);
  }
  get atEnd(): boolean {
    return this.pos >= this.s.length;
  }
  peek(code: number): boolean {
    return this.s.charCodeAt(this.pos) === code;
  }
}
