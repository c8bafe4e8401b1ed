import type { Provider } from '@nestjs/common';
import { connectorFor } from './connectors/index.js';
import { SourceRunRepository } from './source-run.repository.js';
import { SourceRunService } from './source-run.service.js';
import { SourceScheduleService } from './source-schedule.service.js';
import { SourceRepository } from './source.repository.js';
import { SourcesService } from './sources.service.js';
import { CONNECTOR_REGISTRY } from './sources.tokens.js';

/** The sources feature's services (every role): repositories, schedules, the run logic, the API service. */
export const SOURCE_PROVIDERS: Provider[] = [
  { provide: CONNECTOR_REGISTRY, useValue: connectorFor },
  SourceRepository,
  SourceRunRepository,
  SourceScheduleService,
  SourceRunService,
  SourcesService,
];
