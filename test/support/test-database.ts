import { DataSource } from 'typeorm';
import { createDataSource, openDatabase } from '../../src/infra/database/data-source.js';

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A throwaway database of this test file's own: created and migrated on open, dropped on close. */
export class TestDatabase {
  readonly name: string;
  readonly url: string;
  dataSource!: DataSource;

  constructor(label: string) {
    this.name = `skillpulse_test_${label}_${process.pid}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
    this.url = `postgres://postgres@127.0.0.1:5432/${this.name}`;
  }

  async open(): Promise<DataSource> {
    await dropDatabase(this.name);
    this.dataSource = await openDatabase(this.url, { poolSize: 4 });
    return this.dataSource;
  }

  async close(): Promise<void> {
    if (this.dataSource?.isInitialized) await this.dataSource.destroy();
    await dropDatabase(this.name);
  }
}

async function dropDatabase(name: string): Promise<void> {
  const admin = createDataSource(ADMIN_URL, { poolSize: 1 });
  await admin.initialize();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.destroy();
  }
}
