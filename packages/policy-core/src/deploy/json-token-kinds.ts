// jsonc-parser's token kinds (its SyntaxKind, a `const enum` in its typings, which isolated
// modules cannot read): the numbers its scanner returns, for the readers that walk tokens.
export const OPEN_BRACE = 1;
export const CLOSE_BRACE = 2;
export const OPEN_BRACKET = 3;
export const CLOSE_BRACKET = 4;
export const COMMA = 5;
export const COLON = 6;
export const NULL = 7;
export const TRUE = 8;
export const FALSE = 9;
export const STRING = 10;
export const NUMBER = 11;
export const LINE_COMMENT = 12;
export const BLOCK_COMMENT = 13;
export const LINE_BREAK = 14;
export const TRIVIA = 15;
export const EOF = 17;
