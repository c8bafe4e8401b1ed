import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadCatalogue } from './catalogue.js';
import { importCredentials, importedVersion } from './credential-import.js';

/** How long start-up waits for a taxonomy (the starter import runs beside this hook on an empty database). */
const TAXONOMY_WAIT_MS = 120_000;
const POLL_MS = 200;

/**
 * At start-up, imports our credential catalogue (data/credentials/catalogue.json) when the database has none or an
 * older version of it (by content hash), once a taxonomy is present. Nest runs the bootstrap hooks of one module side
 * by side, so this waits for the starter taxonomy import (StarterTaxonomyService) to record its release first.
 * The import is idempotent and holds an advisory lock, so replicas starting together write once.
 */
@Injectable()
export class CredentialCatalogueService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CredentialCatalogueService.name);

  constructor(private readonly db: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const { version } = await loadCatalogue();
    if ((await importedVersion(this.db, 'skillpulse')) === version) return;
    if (!(await this.waitForTaxonomy())) {
      this.logger.warn(`No taxonomy after ${TAXONOMY_WAIT_MS / 1000} s: credential catalogue not imported (run npm run credentials:import)`);
      return;
    }
    const report = await importCredentials(this.db);
    for (const warning of report.warnings) this.logger.warn(warning);
    this.logger.log(
      `Credential catalogue ${version}: ${report.catalogue.credentials} credentials, ${report.catalogue.skillLinks} skill links ` +
        `(${report.credentials.inserted} inserted, ${report.credentials.updated} updated, ${report.credentials.deleted} deleted)`,
    );
  }

  private async waitForTaxonomy(): Promise<boolean> {
    const deadline = Date.now() + TAXONOMY_WAIT_MS;
    for (;;) {
      const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM taxonomy_release WHERE scheme = 'skillpulse'`);
      if (n > 0) return true;
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
