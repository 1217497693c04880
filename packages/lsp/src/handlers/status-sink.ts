import {
  type Connection,
  MessageType,
  NotificationType,
  ShowMessageNotification,
} from 'vscode-languageserver/node';
import { printableLines } from '@slipway/policy-core';
import { STATUS_NOTIFICATION, type StatusParams } from '../protocol/index.js';
import type { StatusSink } from '../service/status-reporter.js';

/** `slipway/status`: the extension's status item and output channel show it. */
export const StatusNotification = new NotificationType<StatusParams>(STATUS_NOTIFICATION);

/** The service's status, log lines and warnings, sent to the client. */
export function statusSink(connection: Connection): StatusSink {
  return {
    // Info, not log: editors show info lines in the output by default, and these are few.
    // Lines and warnings quote the repository's text (file names, policy values): plain text, no
    // control character (an editor may show them in a terminal).
    log: (line) => connection.console.info(printableLines(line)),
    status: (params) => void connection.sendNotification(StatusNotification, params),
    // A notification, not a request: nothing waits for the user to dismiss it.
    warn: (message) =>
      void connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: printableLines(message),
      }),
  };
}
