import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { ProblemException, type ProblemFieldError } from '../infra/http/problem.filter.js';
import { jobId, QUEUE, SOURCE_JOB, SOURCE_RUN_JOB_OPTIONS, type SourceRunPayload } from '../infra/queue/queues.js';
import type { SourceConfig, SourceConnector, SourceKind } from './connectors/connector.types.js';
import type { CreateSourceDto, UpdateSourceDto } from './dto/source.dto.js';
import { SourceRunRepository } from './source-run.repository.js';
import { SourceScheduleService } from './source-schedule.service.js';
import { cronProblem, timezoneProblem } from './source-schedule.js';
import { DuplicateSourceNameError, SourceRepository } from './source.repository.js';
import { type IngestSource, SOURCE_CONFIG_KEYS, SOURCE_KINDS, type SourceRun, type SourceSchedule } from './source.types.js';
import { CONNECTOR_REGISTRY, type ConnectorRegistry } from './sources.tokens.js';

/** A source as the API shows it: never its validators, never a secret. Instants are ISO 8601 UTC. */
export type SourceView = Omit<IngestSource, 'validators' | 'createdAt' | 'updatedAt'> & {
  /** Next scheduled run (UTC), null when disabled. */
  nextRunAt: string | null;
  createdAt: string;
  updatedAt: string;
};

/** A run as the API shows it. */
export interface SourceRunView {
  id: string;
  trigger: SourceRun['trigger'];
  status: SourceRun['status'];
  startedAt: string;
  finishedAt: string | null;
  counts: SourceRun['counts'];
  errors: SourceRun['errors'];
}

/** Query parameter names that would carry a credential: refused in `config.query` (secrets come from the environment). */
const SECRET_NAME = /authorization|api[-_]?key|^key$|secret|password|token/i;

/** Configured job sources: create/update/delete with validation, schedules kept in step, manual runs. */
@Injectable()
export class SourcesService {
  constructor(
    private readonly sources: SourceRepository,
    private readonly runs: SourceRunRepository,
    private readonly schedules: SourceScheduleService,
    @InjectQueue(QUEUE.sources) private readonly queue: Queue<SourceRunPayload>,
    @Inject(CONNECTOR_REGISTRY) private readonly connectorFor: ConnectorRegistry,
  ) {}

  /** Creates a source and registers its schedule. 400 problems name the bad field; 409 when the name is taken. */
  async create(dto: CreateSourceDto): Promise<SourceView> {
    const schedule = { cron: dto.schedule.cron.trim(), timezone: dto.schedule.timezone ?? 'UTC' };
    const sourceKey = this.check(dto.kind, dto.config, schedule);
    const source = await this.named(() =>
      this.sources.create({ name: dto.name, kind: dto.kind, config: dto.config, schedule, enabled: dto.enabled ?? true, sourceKey }),
    );
    try {
      await this.schedules.apply(source);
    } catch (error) {
      await this.sources.delete(source.id);
      throw error;
    }
    return this.view(source);
  }

  async list(): Promise<SourceView[]> {
    return Promise.all((await this.sources.list()).map((s) => this.view(s)));
  }

  async get(id: string): Promise<SourceView> {
    return this.view(await this.found(id));
  }

  /** Applies a partial update (a new `config` replaces the old) and re-registers or removes the schedule. */
  async update(id: string, dto: UpdateSourceDto): Promise<SourceView> {
    const current = await this.found(id);
    const schedule = { cron: dto.schedule?.cron?.trim() ?? current.schedule.cron, timezone: dto.schedule?.timezone ?? current.schedule.timezone };
    const config = dto.config ?? current.config;
    const sourceKey = this.check(current.kind, config, schedule);
    const updated = await this.named(() =>
      this.sources.update({ ...current, name: dto.name ?? current.name, config, schedule, enabled: dto.enabled ?? current.enabled, sourceKey }),
    );
    await this.schedules.apply(updated);
    return this.view(updated);
  }

  /** Deletes a source, its schedule, runs and listings; its postings stay. 404 when unknown. */
  async delete(id: string): Promise<void> {
    const source = await this.found(id);
    await this.schedules.remove(source.id);
    await this.sources.delete(source.id);
  }

  /** Queues a run now (also for a disabled source); the run row exists at once, `running` until the job finishes it. */
  async runNow(id: string): Promise<{ runId: string }> {
    const source = await this.found(id);
    const runId = randomUUID();
    const runJobId = jobId('source-run', runId);
    await this.runs.begin({ id: runId, sourceId: source.id, jobId: runJobId, trigger: 'manual' }, true);
    try {
      await this.queue.add(SOURCE_JOB.run, { sourceId: source.id, runId }, { ...SOURCE_RUN_JOB_OPTIONS, jobId: runJobId });
    } catch (error) {
      await this.runs.failByJob(runJobId, `could not be queued: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
    return { runId };
  }

  /** The source's runs, newest first. */
  async listRuns(id: string, limit: number): Promise<SourceRunView[]> {
    const source = await this.found(id);
    return (await this.runs.list(source.id, limit)).map((r) => ({
      id: r.id,
      trigger: r.trigger,
      status: r.status,
      startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
      counts: r.counts,
      errors: r.errors,
    }));
  }

  /** Validates kind, config and schedule; returns the source key. Throws a 400 problem listing every bad field. */
  private check(kind: SourceKind, config: SourceConfig, schedule: SourceSchedule): string {
    const errors: ProblemFieldError[] = [];
    const cron = cronProblem(schedule.cron);
    if (cron) errors.push({ pointer: '/schedule/cron', detail: `schedule.cron ${cron}` });
    const zone = timezoneProblem(schedule.timezone);
    if (zone) errors.push({ pointer: '/schedule/timezone', detail: `schedule.timezone ${zone}` });
    let connector: SourceConnector | null = null;
    if (!SOURCE_KINDS.includes(kind)) errors.push({ pointer: '/kind', detail: `kind must be one of: ${SOURCE_KINDS.join(', ')}` });
    else connector = this.connectorFor(kind);
    for (const key of Object.keys(config)) {
      if (!(SOURCE_CONFIG_KEYS as string[]).includes(key)) errors.push({ pointer: `/config/${key}`, detail: `config.${key} is not a source setting (${SOURCE_CONFIG_KEYS.join(', ')})` });
    }
    for (const name of Object.keys(config.query ?? {})) {
      if (SECRET_NAME.test(name)) errors.push({ pointer: `/config/query/${name}`, detail: `config.query.${name} looks like a credential: secrets come from the environment (USAJOBS_API_KEY), never from a source` });
    }
    if (connector && errors.length === 0) {
      try {
        connector.validateConfig(config);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        errors.push({ pointer: configPointer(message), detail: message });
      }
    }
    if (errors.length > 0) throw new ProblemException(400, 'validation', 'Bad Request', errors.map((e) => e.detail).join('; '), errors);
    return connector!.sourceKey(config);
  }

  private async found(id: string): Promise<IngestSource> {
    const source = await this.sources.find(id);
    if (!source) throw new ProblemException(404, 'not-found', 'Not Found', `No source with id "${id}"`);
    return source;
  }

  private async named(write: () => Promise<IngestSource>): Promise<IngestSource> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof DuplicateSourceNameError) {
        throw new ProblemException(409, 'conflict', 'Conflict', 'A source with this name exists', [{ pointer: '/name', detail: 'name is taken' }]);
      }
      throw error;
    }
  }

  private async view(source: IngestSource): Promise<SourceView> {
    const next = await this.schedules.nextRunAt(source);
    return {
      id: source.id,
      name: source.name,
      kind: source.kind,
      config: redact(source.config),
      schedule: source.schedule,
      enabled: source.enabled,
      sourceKey: source.sourceKey,
      nextRunAt: next?.toISOString() ?? null,
      createdAt: source.createdAt.toISOString(),
      updatedAt: source.updatedAt.toISOString(),
    };
  }
}

/**
 * The JSON pointer of the config field a connector's message starts with: "query.Keyword: must be a string" →
 * "/config/query/Keyword", "urls[1]: must be an http:// or https:// URL" → "/config/urls/1", "pageSize: …" →
 * "/config/pageSize"; "/config" when the message names no config field first (e.g. a missing USAJOBS key).
 * Only the leading field counts: the rest of a message may quote the caller's value, which can be any word.
 */
export function configPointer(message: string): string {
  const lead = /^([A-Za-z]+)((?:\.[^\s.:[\]]+|\[\d+\])*):/.exec(message);
  if (!lead || !(SOURCE_CONFIG_KEYS as string[]).includes(lead[1])) return '/config';
  const path = [lead[1], ...[...lead[2].matchAll(/\.([^\s.:[\]]+)|\[(\d+)\]/g)].map((m) => m[1] ?? m[2])];
  return `/config/${path.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

/** A config without credential-like query parameters (none can be stored; this guards rows written before that check). */
function redact(config: SourceConfig): SourceConfig {
  if (!config.query) return config;
  return { ...config, query: Object.fromEntries(Object.entries(config.query).filter(([name]) => !SECRET_NAME.test(name))) };
}
