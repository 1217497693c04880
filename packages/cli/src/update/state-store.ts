import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
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
import { appendDurable, writeFileAtomic } from '@slipway/policy-core/node';
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

  writeVersion(v: VersionFile): void {
    mkdirSync(this.metaDir, { recursive: true });
    writeFileAtomic(this.versionPath, `${JSON.stringify(v, null, 2)}\n`);
  }

  writeState(s: UpdateState): void {
    mkdirSync(this.metaDir, { recursive: true });
    writeFileAtomic(this.statePath, `${JSON.stringify(s, null, 2)}\n`);
  }

  /** One JSON line per event, written in one call and fsynced (the deploy audit log's helper). */
  audit(event: Record<string, unknown>): void {
    mkdirSync(this.metaDir, { recursive: true });
    appendDurable(this.auditPath, `${JSON.stringify(event)}\n`);
  }

  /** A state file that exists but cannot be read stops the updater: guessing could reset a counter. */
  private read<T>(path: string, parse: (text: string) => StateFileRead<T>): T | undefined {
    if (!existsSync(path)) return undefined;
    const rel = relative(this.root, path);
    // The bytes first: past four bytes a character, the text is past the limit unread.
    const { size } = statSync(path);
    const limit = LIMITS.update.stateChars;
    if (size > limit * 4)
      throw new UserError(
        `${rel} is ${megabytes(size)}, more than the ${megabytes(limit)} Slipway reads of one state file; fix it or delete it (${RULE_IDS.invalidStateFile})`,
      );
    const text = readFileSync(path, 'utf8');
    const read = parse(text);
    if (read.ok) return read.value;
    const [problem] = read.problems;
    const line = new LineIndex(text).position(problem?.start ?? 0).line + 1;
    throw new UserError(
      `${rel}:${line} ${problem?.message ?? 'is invalid'}; fix it or delete it (${RULE_IDS.invalidStateFile})`,
    );
  }
}
