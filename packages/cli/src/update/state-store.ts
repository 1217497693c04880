import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  type UpdateState,
  type VersionFile,
  initialUpdateState,
  updateStateSchema,
  versionFileSchema,
} from '@slipway/policy-core';
import { UserError } from '../command.js';
import { appendDurable, writeFileAtomic } from '@slipway/policy-core/node';

/** The part of a zod schema used here (the cli does not depend on zod itself). */
interface Schema<T> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

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
    return this.read(this.versionPath, versionFileSchema);
  }

  readState(now: Date): UpdateState {
    return this.read(this.statePath, updateStateSchema) ?? initialUpdateState(now);
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
  private read<T>(path: string, schema: Schema<T>): T | undefined {
    if (!existsSync(path)) return undefined;
    const rel = relative(this.root, path);
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new UserError(
        `${rel} is not valid JSON (${(err as Error).message}); fix it or delete it (UPD003)`,
      );
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const at = issue?.path.length ? ` at "${issue.path.map(String).join('.')}"` : '';
      throw new UserError(`${rel}${at}: ${issue?.message ?? 'invalid'}; fix it or delete it (UPD003)`);
    }
    return parsed.data;
  }
}
