// A stand-in npm registry for one package, run as its own process (the base reader's `npm pack`
// is synchronous, so a server in the test's own process could never answer it). Serves the
// packument of NAME with VERSION and the tarball given, then prints its port on stdout.
// Usage: node npm-registry-stand-in.mjs NAME VERSION TARBALL
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

const [name, version, file] = process.argv.slice(2);
const tgz = readFileSync(file);
const integrity = `sha512-${createHash('sha512').update(tgz).digest('base64')}`;
const server = createServer((req, res) => {
  const { port } = server.address();
  if (req.url?.endsWith('.tgz')) {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(tgz);
  } else if (decodeURIComponent(req.url ?? '') === `/${name}`) {
    res.writeHead(200, { 'content-type': 'application/json' });
    const dist = { tarball: `http://127.0.0.1:${port}/tarballs/package.tgz`, integrity };
    res.end(
      JSON.stringify({
        name,
        'dist-tags': { latest: version },
        versions: { [version]: { name, version, dist } },
      }),
    );
  } else {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"not found"}');
  }
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
