import 'reflect-metadata';
import { type INestApplication, Logger, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { type AppConfig, ConfigError, loadConfig, roleFlags } from './config/config.js';
import { preflight, PreflightError } from './infra/preflight.js';
import { ProblemFilter } from './infra/http/problem.filter.js';

/** The HTTP edge: one validation pipe, one problem filter, OpenAPI at /docs. */
export function configureHttp(app: INestApplication): void {
  // One message per field (the first failing rule): "limit must be an integer number", not three contradictory ones.
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: true }));
  app.useGlobalFilters(new ProblemFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Skillpulse')
      .setDescription('Skills-to-jobs labor-market API: match badges to open postings, extract skills, search the taxonomy (ESCO, O*NET, Skillpulse aliases).')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
}

/** Starts the process in the role given by ROLE (api, worker, scheduler, all). */
export async function bootstrap(cfg: AppConfig): Promise<NestExpressApplication> {
  await preflight(cfg);
  const flags = roleFlags(cfg.ROLE);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRole(cfg.ROLE), { logger: levels(cfg.LOG_LEVEL) });
  app.enableShutdownHooks();
  if (flags.api) {
    configureHttp(app);
    app.useBodyParser('json', { limit: '5mb' });
    await app.listen(cfg.PORT, cfg.HOST);
    Logger.log(`Skillpulse ${cfg.ROLE} listening on http://${cfg.HOST}:${cfg.PORT} (OpenAPI at /docs)`, 'Main');
  } else {
    await app.init();
    Logger.log(`Skillpulse ${cfg.ROLE} started`, 'Main');
  }
  return app;
}

function levels(level: AppConfig['LOG_LEVEL']): Array<'error' | 'warn' | 'log' | 'debug' | 'verbose'> {
  const all = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  return all.slice(0, all.indexOf(level) + 1);
}

const isEntryPoint = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').slice(-3).join('/'));
if (isEntryPoint) {
  let cfg: AppConfig;
  try {
    cfg = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  bootstrap(cfg).catch((error) => {
    console.error(error instanceof PreflightError ? error.message : error);
    process.exit(1);
  });
}
