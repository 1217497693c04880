/** The steps of the update flow, in order; failures name the step they happened in. */
export type UpdateStep =
  | 'lock'
  | 'fetch'
  | 'discover'
  | 'verify'
  | 'snapshot'
  | 'apply'
  | 'test'
  | 'quiesce'
  | 'restart'
  | 'resume'
  | 'health'
  | 'report';

/** A failure of one step of the update: the flow restores the backup (if any) and records it. */
export class StepError extends Error {
  constructor(
    readonly step: UpdateStep,
    message: string,
  ) {
    super(message);
    this.name = 'StepError';
  }
}
