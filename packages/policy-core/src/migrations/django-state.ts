import { addedWithDefault, type DjangoField, djangoColumn, manyToManySteps } from './django-field.js';
import type { DjangoOperation } from './django-operation.js';
import type { SchemaOp, StepFacts } from './schema-op.js';
import { fieldChangeSteps } from './django-field-change.js';
import { createModelStep } from './django-create-model.js';

/** One model as the migrations before have left it: its table and fields. */
export interface ModelState {
  /** Its table; undefined for a proxy or unmanaged model (Django makes none). */
  table: string | undefined;
  /** Set by `db_table` (a RenameModel then leaves the table alone). */
  explicitTable: boolean;
  fields: Map<string, DjangoField | undefined>;
  together: string[][];
  indexTogether: string[][];
}

/**
 * The models of one app as its migrations leave them, replayed in order: what Django's own
 * migration state knows, as far as the files say it. It turns model and field names into the
 * tables and columns the MIG rules judge, and tells what an AlterField changes.
 */
export class DjangoState {
  private readonly models = new Map<string, ModelState>();

  constructor(private readonly app: string) {}

  /** The steps `operations` take on the database, the state moved past them. */
  steps(operations: readonly DjangoOperation[], atomic: boolean): SchemaOp[] {
    const out: SchemaOp[] = [];
    for (const o of operations) {
      if (o.name === 'SeparateDatabaseAndState') {
        const before = [...this.models].map(([k, v]) => [k, { ...v, fields: new Map(v.fields) }] as const);
        out.push(...this.steps(o.database ?? [], atomic));
        // Only the state operations say what the state is afterwards.
        this.models.clear();
        for (const [k, v] of before) this.models.set(k, v);
        this.steps(o.state ?? [], atomic);
        continue;
      }
      // Each step is a fresh object: filled in place, not copied.
      for (const facts of this.step(o)) {
        const op = Object.assign(facts, {
          range: o.range,
          source: 'op',
          label: o.label,
          django: true,
        }) as SchemaOp;
        if (!atomic) op.inAutocommit = true;
        out.push(op);
      }
      // RunSQL's statements come marked from the file's reading (django-module.ts), shared as they are.
      if (o.sql) for (const s of o.sql) out.push(s);
    }
    return out;
  }

  /** A model as the history leaves it: the trace renders its table and columns (render-django.ts). */
  modelOf(name: string | undefined): Readonly<ModelState> | undefined {
    return this.model(name);
  }

  /** A copy to replay on without moving this one: SeparateDatabaseAndState's database side. */
  clone(): DjangoState {
    const c = new DjangoState(this.app);
    for (const [k, v] of this.models) c.models.set(k, { ...v, fields: new Map(v.fields) });
    return c;
  }

  private model(name?: string): ModelState | undefined {
    return name === undefined ? undefined : this.models.get(name.toLowerCase());
  }

  private defaultTable(model: string): string {
    return `${this.app}_${model.toLowerCase()}`;
  }

  /** The table of a model: known from the state, else the name Django would give it. */
  private tableOf(model: string | undefined): string | undefined {
    if (model === undefined) return undefined;
    const m = this.model(model);
    return m ? m.table : this.defaultTable(model);
  }

  /** A related model as written (`"auth.User"`, `"Author"`) to its table, when it says. */
  private relatedTable(to: string | undefined): string | undefined {
    if (to === undefined) return undefined;
    const dot = to.lastIndexOf('.');
    if (dot === -1) return this.tableOf(to);
    const app = to.slice(0, dot);
    return app === this.app ? this.tableOf(to.slice(dot + 1)) : `${app}_${to.slice(dot + 1).toLowerCase()}`;
  }

  private step(o: DjangoOperation): StepFacts[] {
    const table = this.tableOf(o.model);
    const m = this.model(o.model);
    const key = o.model?.toLowerCase();
    switch (o.name) {
      case 'CreateModel': {
        const t = o.noTable ? undefined : (o.dbTable ?? this.defaultTable(o.model ?? ''));
        if (key !== undefined)
          this.models.set(key, {
            table: t,
            explicitTable: typeof o.dbTable === 'string',
            fields: new Map(o.fields ?? []),
            together: o.together ?? [],
            indexTogether: [],
          });
        if (t === undefined) return [{ kind: 'other', dataOnly: true }];
        return [createModelStep(t, o.fields ?? [], (to) => this.relatedTable(to))];
      }
      case 'DeleteModel':
        if (key !== undefined) this.models.delete(key);
        return table === undefined ? [{ kind: 'other', dataOnly: true }] : [{ kind: 'drop_table', table }];
      case 'RenameModel': {
        if (key === undefined || o.newName === undefined) return [{ kind: 'other', table }];
        const to = m?.explicitTable ? m.table : this.defaultTable(o.newName);
        this.models.delete(key);
        this.models.set(o.newName.toLowerCase(), {
          ...(m ?? { explicitTable: false, fields: new Map(), together: [], indexTogether: [] }),
          table: to,
        });
        if (table === undefined || to === table) return [{ kind: 'other', dataOnly: true }];
        return [{ kind: 'rename_table', table, newName: to }];
      }
      case 'AlterModelTable': {
        const to = o.dbTable ?? this.defaultTable(o.model ?? '');
        if (m) Object.assign(m, { table: to, explicitTable: typeof o.dbTable === 'string' });
        if (table === undefined || to === table) return [{ kind: 'other', dataOnly: true }];
        return [{ kind: 'rename_table', table, newName: to }];
      }
      case 'AlterModelOptions':
      case 'AlterModelManagers':
      case 'AlterConstraint': // Django 5.2: messages only; its database_forwards is `pass`
        return [{ kind: 'other', dataOnly: true }];
      case 'AlterOrderWithRespectTo':
        return [
          {
            kind: 'add_column',
            table,
            column: '_order',
            notNull: true,
            hasDefault: true,
            defaultVolatility: 'constant',
          },
        ];
      case 'AddField':
        return this.addField(o, table, m);
      case 'RemoveField': {
        const f = m?.fields.get(o.field ?? '');
        m?.fields.delete(o.field ?? '');
        if (f?.relation === 'many_to_many') return manyToManySteps(f, table, o.field, 'drop_table');
        return [{ kind: 'drop_column', table, column: djangoColumn(o.field ?? '', f) }];
      }
      case 'AlterField': {
        const before = m?.fields.get(o.field ?? '');
        if (m && o.field !== undefined) m.fields.set(o.field, o.def);
        return fieldChangeSteps(before, o.def, table, o.field ?? '');
      }
      case 'RenameField': {
        const f = m?.fields.get(o.field ?? '');
        if (m && o.field !== undefined && o.newName !== undefined) {
          m.fields.delete(o.field);
          m.fields.set(o.newName, f);
        }
        const from = djangoColumn(o.field ?? '', f);
        const to = djangoColumn(o.newName ?? '', f);
        if (from === to || f?.relation === 'many_to_many') return [{ kind: 'other', table }];
        return [{ kind: 'rename_column', table, column: from, newName: to }];
      }
      case 'AddIndex':
      case 'AddIndexConcurrently': {
        const columns = o.index?.columns?.map((c) => djangoColumn(c, m?.fields.get(c)));
        return [
          {
            kind: 'create_index',
            table,
            ...(o.index?.name !== undefined ? { index: o.index.name } : {}),
            ...(columns?.length ? { columns } : {}),
            concurrently: o.name === 'AddIndexConcurrently',
          },
        ];
      }
      case 'RemoveIndex':
      case 'RemoveIndexConcurrently':
        return [
          {
            kind: 'drop_index',
            table,
            index: o.index?.name,
            concurrently: o.name === 'RemoveIndexConcurrently',
          },
        ];
      case 'AddConstraint':
      case 'AddConstraintNotValid': {
        const c = o.constraint;
        if (c?.asIndex) return [{ kind: 'create_index', table, ...(c.name ? { index: c.name } : {}) }];
        return [
          {
            kind: 'add_constraint',
            table,
            constraint: c?.type ?? 'check',
            ...(c?.name ? { constraintName: c.name } : {}),
            ...(o.name === 'AddConstraintNotValid' ? { notValid: true } : {}),
          },
        ];
      }
      case 'RemoveConstraint':
        return [{ kind: 'drop_constraint', table, lock: { mode: 'AccessExclusiveLock' } }];
      case 'ValidateConstraint':
        return [
          { kind: 'validate_constraint', table, ...(o.index?.name ? { constraintName: o.index.name } : {}) },
        ];
      case 'AlterUniqueTogether':
      case 'AlterIndexTogether':
        return this.together(o, table, m);
      case 'RunSQL':
        return [];
      case 'RunPython':
        return [{ kind: 'other', dataOnly: true, ...(o.noopForward ? {} : { runsCode: true as const }) }];
      default:
        // Extensions, collations, comments, index renames: schema changes no rule judges.
        return [{ kind: 'other', table }];
    }
  }

  private addField(o: DjangoOperation, table: string | undefined, m: ModelState | undefined): StepFacts[] {
    const f = o.def;
    if (m && o.field !== undefined) m.fields.set(o.field, f);
    if (f?.relation === 'many_to_many') return manyToManySteps(f, table, o.field, 'create_table');
    const column = djangoColumn(o.field ?? '', f);
    if (!f) return [{ kind: 'add_column', table, column }];
    const constraints = [
      ...(f.relation === 'foreign_key' ? (['foreign_key'] as const) : []),
      ...(f.unique && !f.primaryKey ? (['unique'] as const) : []),
      ...(f.primaryKey ? (['primary_key'] as const) : []),
    ];
    const other = f.relation === 'foreign_key' ? this.relatedTable(f.to) : undefined;
    const step: StepFacts = {
      kind: 'add_column',
      table,
      column,
      notNull: !f.null,
      hasDefault: addedWithDefault(f) || f.serial,
      lock: { mode: 'AccessExclusiveLock', ...(other !== undefined ? { otherTable: other } : {}) },
      ...(constraints.length ? { columnConstraints: [...constraints] } : {}),
    };
    if (f.serial)
      Object.assign(step, {
        sequenceFilled: true,
        defaultVolatility: 'volatile',
        volatileFunction: 'an identity sequence',
      });
    // A db_default is SQL the database runs for each row, a volatile one included.
    else if (f.dbDefaultVolatile !== undefined)
      Object.assign(step, { defaultVolatility: 'volatile', volatileFunction: f.dbDefaultVolatile });
    // Django computes a default= (or the '' / time of impliedDefault) once, in Python: a constant.
    else if (addedWithDefault(f)) step.defaultVolatility = 'constant';
    if (f.defaultDropped && !f.serial) step.defaultDropped = true;
    if (f.generatedStored) step.generatedStored = true;
    if (f.impliedDefault === 'unknown class') step.djangoUnknownField = f.class ?? 'of this call';
    const out: StepFacts[] = [step];
    if (f.indexed && !f.unique && !f.primaryKey) out.push({ kind: 'create_index', table, columns: [column] });
    return out;
  }

  private together(o: DjangoOperation, table: string | undefined, m: ModelState | undefined): StepFacts[] {
    if (o.together === undefined) return [{ kind: 'other', table }];
    const unique = o.name === 'AlterUniqueTogether';
    const before = (unique ? m?.together : m?.indexTogether) ?? [];
    if (m) m[unique ? 'together' : 'indexTogether'] = o.together;
    const keyOf = (t: string[]) => t.join('\u0000');
    const had = new Set(before.map(keyOf));
    const has = new Set(o.together.map(keyOf));
    const out: StepFacts[] = [];
    for (const t of o.together) {
      if (had.has(keyOf(t))) continue;
      const columns = t.map((c) => djangoColumn(c, m?.fields.get(c)));
      out.push(
        unique
          ? { kind: 'add_constraint', table, constraint: 'unique', columns }
          : { kind: 'create_index', table, columns },
      );
    }
    for (const t of before)
      if (!has.has(keyOf(t)))
        out.push(
          unique
            ? { kind: 'drop_constraint', table, lock: { mode: 'AccessExclusiveLock' } }
            : { kind: 'drop_index', table },
        );
    return out.length ? out : [{ kind: 'other', dataOnly: true }];
  }
}
