import { join, relative, sep } from 'node:path';
import {
  LIMITS,
  type StateFileRead,
  type UpdateState,
  type VersionFile,
  initialUpdateState,
  LineIndex,
  megabytes,
  readStateText,
  updateStateSchema,
  versionFileSchema,
} from '@slipway/policy-core';
import { UserError } from '../command.js';
import { RepoConfinement, readConfined, refusalLine, writeRepoFile } from '@slipway/policy-core/node';
import { RULE_IDS } from '@slipway/policy-core';

/** Where one profile's update files live: `<persistence_dir>/<profile>/meta/`. */
export class StateStore {
  readonly metaDir: string;

  constructor(
    readonly root: string,
    persistenceDir: string,
    readonly profile: string,
  ) {
    this.metaDir = join(root, persistenceDir, profile, 'meta');
  }

  get versionPath(): string {
    return join(this.metaDir, 'version.json');
  }

  get statePath(): string {
    return join(this.metaDir, 'update_state.json');
  }

  get auditPath(): string {
    return join(this.metaDir, 'update_audit.jsonl');
  }

  readVersion(): VersionFile | undefined {
    return this.read(this.versionPath, (text) => readStateText(text, versionFileSchema));
  }

  readState(now: Date): UpdateState {
    return (
      this.read(this.statePath, (text) => readStateText(text, updateStateSchema)) ?? initialUpdateState(now)
    );
  }

  // The state files are the repository's (persistence_dir is the update config's): written by
  // the one writer, so a committed link never takes a write outside the repository.
  writeVersion(v: VersionFile): void {
    writeRepoFile(this.root, this.rel(this.versionPath), `${JSON.stringify(v, null, 2)}\n`);
  }

  writeState(s: UpdateState): void {
    writeRepoFile(this.root, this.rel(this.statePath), `${JSON.stringify(s, null, 2)}\n`);
  }

  /** One JSON line per event, written in one call and fsynced (the deploy audit log's helper). */
  audit(event: Record<string, unknown>): void {
    writeRepoFile(this.root, this.rel(this.auditPath), `${JSON.stringify(event)}\n`, 'append');
  }

  private rel(path: string): string {
    return relative(this.root, path).split(sep).join('/');
  }

  /** A state file that exists but cannot be read stops the updater: guessing could reset a counter. */
  private read<T>(path: string, parse: (text: string) => StateFileRead<T>): T | undefined {
    const rel = this.rel(path);
    // The one reader, and the bytes first: past four bytes a character, the text is past the limit unread.
    const limit = LIMITS.update.stateChars;
    const file = readConfined(new RepoConfinement(this.root), rel, path, limit * 4);
    if (file === undefined) return undefined;
    if ('refused' in file) throw new UserError(refusalLine(file));
    if ('tooLarge' in file)
      throw new UserError(
        `${rel} is ${megabytes(file.tooLarge)}, more than the ${megabytes(limit)} Slipway reads of one state file; fix it or delete it (${RULE_IDS.invalidStateFile})`,
      );
    const text = file.text;
    const read = parse(text);
    if (read.ok) return read.value;
    const [problem] = read.problems;
    const line = new LineIndex(text).position(problem?.start ?? 0).line + 1;
    throw new UserError(
      `${rel}:${line} ${problem?.message ?? 'is invalid'}; fix it or delete it (${RULE_IDS.invalidStateFile})`,
    );
  }
}
