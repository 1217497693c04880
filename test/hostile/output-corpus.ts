/**
 * Issue 55, category 6: the one hostile corpus every output format is tested with (the table in
 * hostile-output.test.ts, the built CLI and the language server's hover). Each entry is text a
 * repository controls (a file name, a policy value, a waiver reason, a commit subject) that would
 * render as something else if a format passed it through: a terminal control, a workflow
 * command, Markdown or HTML, a mention, a link. `inFileName`: it can be a file's name on disk
 * (no `/`, no NUL), so the end-to-end tests commit a file of that name.
 */
export interface HostileText {
  name: string;
  text: string;
  inFileName: boolean;
}

export const HOSTILE: readonly HostileText[] = [
  { name: 'an SGR colour (ESC[31m)', text: 'red\u001b[31mX\u001b[0m.sql', inFileName: true },
  {
    name: 'an OSC 52 clipboard write',
    text: 'c\u001b]52;c;Y3VybCAxMjcuMC4wLjEgfCBzaA==\u0007.sql',
    inFileName: true,
  },
  {
    name: 'an OSC 8 hyperlink',
    text: 'h\u001b]8;;http:127.0.0.1\u001b\\click\u001b]8;;\u001b\\.sql',
    inFileName: true,
  },
  { name: 'a BEL', text: 'ding\u0007.sql', inFileName: true },
  { name: 'a CR that overwrites the line', text: 'ok.sql\rall checks passed', inFileName: true },
  { name: 'a bidi override (U+202E)', text: 'x\u202elqs.exe', inFileName: true },
  { name: 'a C1 CSI (U+009B)', text: 'c1\u009b31m.sql', inFileName: true },
  { name: 'a NUL', text: 'nul\u0000byte', inFileName: false },
  { name: 'a %0A that forges a workflow command', text: 'x%0A::error::forged.sql', inFileName: true },
  { name: 'a newline then ::add-mask::', text: 'x\n::add-mask::hunter2.sql', inFileName: true },
  { name: 'an unclosed HTML comment', text: 'a<!-- hide.sql', inFileName: true },
  { name: 'an HTML comment that hides text', text: 'shown<!-- hidden -->.sql', inFileName: true },
  { name: 'a closing table cell', text: '</td></tr><tr><td>forged.sql', inFileName: false },
  { name: 'an image tag', text: '<img src=x onerror=alert(1)>.sql', inFileName: true },
  { name: 'a team mention', text: 'cc @org/team', inFileName: false },
  { name: 'a person mention', text: '@alice.sql', inFileName: true },
  { name: 'an issue autolink', text: 'fixes #123.sql', inFileName: true },
  { name: 'a Markdown link', text: '[x](http://127.0.0.1/)', inFileName: false },
  { name: 'a Markdown link in a file name', text: '[x](http:127.0.0.1).sql', inFileName: true },
  { name: 'an image', text: '![x](http://127.0.0.1/i.png)', inFileName: false },
  { name: 'bold, emphasis and strikethrough', text: '**bold** _em_ ~~gone~~.sql', inFileName: true },
  { name: 'backticks that close a code span', text: 'a`**b**`[c](d)`.sql', inFileName: true },
  { name: 'a pipe that splits a table cell', text: 'a|b|c.sql', inFileName: true },
  { name: 'newlines and a heading', text: 'one\n# two\n- three.sql', inFileName: true },
  { name: 'an HTML entity', text: '&lt;b&gt;x.sql', inFileName: true },
];

/**
 * The near misses: ordinary names that every format must print as they are, readable and not
 * escaped where the format does not need it.
 */
export const NEAR_MISSES: readonly string[] = [
  'café.sql',
  '日本語のファイル.sql',
  'rocket 🚀 launch.sql',
  'a_b.sql',
  'snake_case_name.sql',
  'mail user@example.com',
  'v1.2 (50 percent) done',
  'plain-name.sql',
];
