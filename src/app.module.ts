import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BadgeSkillMapper } from './badges/badge-skill-mapper.service.js';
import { BADGE_VERIFIER, BadgeVerifyService } from './badges/badge-verify.service.js';
import { BadgesController } from './badges/badges.controller.js';
import { BadgeVerifier } from './badges/verification/badge-verifier.js';
import { config, type Role, roleFlags } from './config/config.js';
import { CredentialCatalogueService } from './credentials/credential-catalogue.service.js';
import { CredentialsController } from './credentials/credentials.controller.js';
import { CredentialsService } from './credentials/credentials.service.js';
import { ExtractController } from './extraction/extract.controller.js';
import { ExtractProcessor } from './extraction/extract.processor.js';
import { ExtractionService } from './extraction/extraction.service.js';
import { PostingSkillRepository } from './extraction/posting-skill.repository.js';
import { GapsController } from './gaps/gaps.controller.js';
import { GapTargetService } from './gaps/gap-target.service.js';
import { GapsService } from './gaps/gaps.service.js';
import { HealthController } from './health/health.controller.js';
import { dataSourceOptions } from './infra/database/data-source.js';
import { HttpClientModule } from './infra/http/http-client.module.js';
import { QUEUE } from './infra/queue/queues.js';
import { redisConnection } from './infra/queue/redis-connection.js';
import { SchedulerService } from './infra/scheduler/scheduler.service.js';
import { CanonicalPostingService } from './ingestion/dedup/canonical-posting.service.js';
import { PostingsController } from './ingestion/dedup/postings.controller.js';
import { IngestProcessor } from './ingestion/ingest.processor.js';
import { IngestionRunRepository } from './ingestion/ingestion-run.repository.js';
import { IngestionService } from './ingestion/ingestion.service.js';
import { PostingRepository } from './ingestion/posting.repository.js';
import { MatchService } from './matching/match.service.js';
import { PostingIndexService } from './matching/posting-index.service.js';
import { MatchesController } from './matching/matches.controller.js';
import { ProfileService } from './matching/profile.service.js';
import { MetaController } from './meta/meta.controller.js';
import { MetaService } from './meta/meta.service.js';
import { OccupationClassificationService } from './occupations/occupation-classification.service.js';
import { OccupationsController } from './occupations/occupations.controller.js';
import { OccupationsService } from './occupations/occupations.service.js';
import { RecommendationsController } from './recommendations/recommendations.controller.js';
import { RecommendationsService } from './recommendations/recommendations.service.js';
import { SourceRunProcessor } from './sources/source-run.processor.js';
import { SourcesController } from './sources/sources.controller.js';
import { SOURCE_PROVIDERS } from './sources/sources.providers.js';
import { SkillsController } from './taxonomy/skills.controller.js';
import { SkillsService } from './taxonomy/skills.service.js';
import { StarterTaxonomyService } from './taxonomy/starter-taxonomy.service.js';
import { AnalyticsProcessor } from './trends/analytics.processor.js';
import { DemandAggregateRepository } from './trends/demand-aggregate.repository.js';
import { DemandQueryRepository } from './trends/demand-query.repository.js';
import { TrendsController } from './trends/trends.controller.js';
import { TrendsService } from './trends/trends.service.js';
import { SkillTrendService } from './trends/skill-trend.service.js';

/** Services every role shares. Features add theirs here. */
const SERVICES = [
  PostingRepository, CanonicalPostingService, IngestionRunRepository, IngestionService, PostingSkillRepository, ExtractionService,
  SkillsService, ProfileService, MatchService, MetaService, OccupationsService, OccupationClassificationService, CredentialsService,
  DemandAggregateRepository, DemandQueryRepository, TrendsService, PostingIndexService, GapTargetService, GapsService, SkillTrendService, RecommendationsService,
  BadgeVerifier, BadgeSkillMapper, BadgeVerifyService, { provide: BADGE_VERIFIER, useExisting: BadgeVerifier },
  ...SOURCE_PROVIDERS,
];

/** HTTP controllers (role `api`). */
const CONTROLLERS = [HealthController, MetaController, SkillsController, ExtractController, MatchesController, OccupationsController, CredentialsController, TrendsController, GapsController, RecommendationsController, PostingsController, BadgesController, SourcesController];

/** Queue processors (role `worker`). */
const PROCESSORS = [IngestProcessor, ExtractProcessor, AnalyticsProcessor, SourceRunProcessor];

/** Database, queues and every service: what all roles share. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({ useFactory: () => ({ ...dataSourceOptions(config().DATABASE_URL), migrationsRun: true }) }),
    BullModule.forRootAsync({ useFactory: () => ({ connection: redisConnection(config().REDIS_URL), prefix: config().QUEUE_PREFIX }) }),
    BullModule.registerQueue(...Object.values(QUEUE).map((name) => ({ name }))),
    HttpClientModule,
  ],
  providers: [...SERVICES, StarterTaxonomyService, CredentialCatalogueService],
  exports: [...SERVICES, BullModule],
})
export class CoreModule {}

/**
 * The application for a process role: `api` adds the HTTP controllers, `worker` the queue processors,
 * `scheduler` the schedule registration; `all` adds the three.
 */
@Module({})
export class AppModule {
  static forRole(role: Role = config().ROLE): DynamicModule {
    const flags = roleFlags(role);
    return {
      module: AppModule,
      imports: [CoreModule],
      controllers: flags.api ? CONTROLLERS : [],
      providers: [...(flags.worker ? PROCESSORS : []), ...(flags.scheduler ? [SchedulerService] : [])],
    };
  }
}
