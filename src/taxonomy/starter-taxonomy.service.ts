import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { importTaxonomy } from './import/taxonomy-importer.js';

/**
 * On a database with no taxonomy yet, imports the starter taxonomy and curated layer from data/ at start-up, so the
 * service extracts and matches with no external files. Does nothing once any taxonomy has been imported (ESCO and
 * O*NET come from `npm run taxonomy:import`). The importer holds an advisory lock, so replicas starting together
 * import once.
 */
@Injectable()
export class StarterTaxonomyService implements OnApplicationBootstrap {
  private readonly logger = new Logger(StarterTaxonomyService.name);

  constructor(private readonly db: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const [{ count }] = await this.db.query(`SELECT count(*)::int AS count FROM taxonomy_release`);
    if (count > 0) return;
    const report = await importTaxonomy(this.db, {});
    this.logger.log(`Empty taxonomy: imported the starter taxonomy from data/ (${report.tables.skill.inserted} skills)`);
  }
}
