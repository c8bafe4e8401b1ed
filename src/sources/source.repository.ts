import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '../infra/database/query-rows.js';
import type { SourceConfig, SourceKind } from './connectors/connector.types.js';
import type { IngestSource, SourceSchedule, SourceValidators } from './source.types.js';

interface SourceRow {
  id: string;
  name: string;
  kind: SourceKind;
  config: SourceConfig;
  schedule_cron: string;
  schedule_timezone: string;
  enabled: boolean;
  source_key: string;
  validators: SourceValidators;
  created_at: Date;
  updated_at: Date;
}

/** What `create` stores; `sourceKey` is the connector's `sourceKey(config)`. */
export type NewSource = Pick<IngestSource, 'name' | 'kind' | 'config' | 'schedule' | 'enabled' | 'sourceKey'>;

/** Thrown by `create`/`update` when another source already has the name (`ingest_source_name_uq`). */
export class DuplicateSourceNameError extends Error {}

/** Configured job sources (`ingest_source`). */
@Injectable()
export class SourceRepository {
  constructor(private readonly db: DataSource) {}

  async create(source: NewSource): Promise<IngestSource> {
    // ON CONFLICT … DO NOTHING: a taken name is an answer (409), not a failed statement in the database log.
    const [row] = await this.guardName(() =>
      this.db.query(
        `INSERT INTO ingest_source (name, kind, config, schedule_cron, schedule_timezone, enabled, source_key)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7) ON CONFLICT ON CONSTRAINT ingest_source_name_uq DO NOTHING RETURNING *`,
        [source.name, source.kind, JSON.stringify(source.config), source.schedule.cron, source.schedule.timezone, source.enabled, source.sourceKey],
      ),
    );
    if (!row) throw new DuplicateSourceNameError('a source with this name exists');
    return toSource(row);
  }

  /**
   * Replaces the editable fields of a source (the caller merges a PATCH into the stored source first). A changed
   * config drops the stored validators, so the next run reads every page in full.
   */
  async update(source: IngestSource): Promise<IngestSource> {
    const rows = await this.guardName(() =>
      this.db.query(
        `UPDATE ingest_source SET name = $2, config = $3::jsonb, schedule_cron = $4, schedule_timezone = $5, enabled = $6,
           source_key = $7, updated_at = now(),
           validators = CASE WHEN config = $3::jsonb THEN validators ELSE '{}'::jsonb END
         WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM ingest_source o WHERE o.name = $2 AND o.id <> $1) RETURNING *`,
        [source.id, source.name, JSON.stringify(source.config), source.schedule.cron, source.schedule.timezone, source.enabled, source.sourceKey],
      ),
    );
    const [row] = rowsOf<SourceRow>(rows);
    if (!row) throw new DuplicateSourceNameError('a source with this name exists');
    return toSource(row);
  }

  async find(id: string): Promise<IngestSource | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db.query(`SELECT * FROM ingest_source WHERE id = $1`, [id]);
    return row ? toSource(row) : null;
  }

  /** Every source, oldest first. */
  async list(): Promise<IngestSource[]> {
    const rows: SourceRow[] = await this.db.query(`SELECT * FROM ingest_source ORDER BY created_at, id`);
    return rows.map(toSource);
  }

  /** Deletes a source with its runs and listings (postings stay). Returns false when there was none. */
  async delete(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const rows = await this.db.query(`DELETE FROM ingest_source WHERE id = $1 RETURNING id`, [id]);
    return rowsOf(rows).length > 0;
  }

  /** Stores the validators of the pages a run read (replacing the previous set). */
  async saveValidators(id: string, validators: SourceValidators): Promise<void> {
    await this.db.query(`UPDATE ingest_source SET validators = $2::jsonb WHERE id = $1`, [id, JSON.stringify(validators)]);
  }

  private async guardName<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if ((error as { constraint?: string }).constraint === 'ingest_source_name_uq' || /ingest_source_name_uq/.test(String((error as Error).message))) {
        throw new DuplicateSourceNameError('a source with this name exists');
      }
      throw error;
    }
  }
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

function toSource(r: SourceRow): IngestSource {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    config: r.config,
    schedule: { cron: r.schedule_cron, timezone: r.schedule_timezone },
    enabled: r.enabled,
    sourceKey: r.source_key,
    validators: r.validators ?? {},
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
