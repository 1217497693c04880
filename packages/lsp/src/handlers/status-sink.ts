import {
  type Connection,
  MessageType,
  NotificationType,
  ShowMessageNotification,
} from 'vscode-languageserver/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../protocol/index.js';
import type { StatusSink } from '../service/status-reporter.js';

/** `slipway/status`: the extension's status item and output channel show it. */
export const StatusNotification = new NotificationType<StatusParams>(STATUS_NOTIFICATION);

/** The service's status, log lines and warnings, sent to the client. */
export function statusSink(connection: Connection): StatusSink {
  return {
    // Info, not log: editors show info lines in the output by default, and these are few.
    log: (line) => connection.console.info(line),
    status: (params) => void connection.sendNotification(StatusNotification, params),
    // A notification, not a request: nothing waits for the user to dismiss it.
    warn: (message) =>
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }),
  };
}
