import { PassThrough } from 'node:stream';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import type { ServerHost } from '../../src/context.js';
import { startServer } from '../../src/start-server.js';
import { LspSession, type SessionOptions } from './lsp-session.js';

/**
 * The language server's own code (startServer, the handlers, the commands) in this process, spoken
 * to over the real protocol through a pair of in-memory pipes: for a host this process holds, such
 * as a database kept open from one trace to the next. The bundle and `slipway lsp` over stdio keep
 * their own tests; `command`, `env` and `NODE_PATH` mean nothing here.
 */
export async function startInProcess(
  root: string,
  host: ServerHost,
  options: Omit<SessionOptions, 'command' | 'env'> = {},
): Promise<LspSession> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  let session: LspSession | undefined;
  const pushActivity = (busy: boolean) => session?.pushActivity(busy);
  const server = startServer(
    { ...host, pushActivity },
    {
      reader: new StreamMessageReader(toServer),
      writer: new StreamMessageWriter(toClient),
    },
  );
  const client = createProtocolConnection(
    new StreamMessageReader(toClient),
    new StreamMessageWriter(toServer),
  );
  session = await LspSession.connect(root, client, options, () => server.dispose());
  return session;
}
