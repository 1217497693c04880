// mvdan-sh ships no types: parse-shell.ts describes the part it uses.
declare module 'mvdan-sh';
