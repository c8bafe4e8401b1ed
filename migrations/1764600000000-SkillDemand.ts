import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Demand aggregates for trends, kept current by the `analytics` queue (src/trends/demand-aggregate.repository.ts).
 *
 * Time is stored so that any time zone can be answered exactly without reading postings at request time:
 * - `instant`: a day-precision posting with a time of day, in the 15-minute UTC slot that holds it (every time zone in
 *   use today is offset from UTC by a multiple of 15 minutes, so every local midnight is a slot boundary);
 * - `date`: a day-precision posting with a date only (stored at 00:00 UTC, e.g. Chronicle, USAJOBS): the slot is that
 *   calendar date at 00:00 UTC and means the same date in every time zone;
 * - `month`: a month-precision posting (the 2017 Hacker News files): the slot is the month's first day at 00:00 UTC;
 *   these never enter weekly buckets.
 * Breakdowns: source, country (ISO 3166-1 alpha-2), region (ISO 3166-2), ESCO occupation, O*NET-SOC, employer.
 */
export class SkillDemand1764600000000 implements MigrationInterface {
  name = 'SkillDemand1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE demand_posting (
        posting_id bigint PRIMARY KEY,
        time_kind text NOT NULL,
        slot timestamptz NOT NULL,
        CONSTRAINT demand_posting_posting_fk FOREIGN KEY (posting_id) REFERENCES posting (id) ON DELETE CASCADE,
        CONSTRAINT demand_posting_time_kind_ck CHECK (time_kind IN ('instant', 'date', 'month'))
      )`);
    await q.query(`CREATE INDEX demand_posting_slot_idx ON demand_posting (time_kind, slot)`);
    await q.query(`
      CREATE TABLE demand_total (
        time_kind text NOT NULL,
        slot timestamptz NOT NULL,
        source_id text NOT NULL,
        country_code text,
        region_code text,
        esco_occupation_id text,
        onet_soc text,
        employer text,
        postings integer NOT NULL,
        title_only integer NOT NULL,
        CONSTRAINT demand_total_uq UNIQUE NULLS NOT DISTINCT (time_kind, slot, source_id, country_code, region_code, esco_occupation_id, onet_soc, employer),
        CONSTRAINT demand_total_time_kind_ck CHECK (time_kind IN ('instant', 'date', 'month')),
        CONSTRAINT demand_total_counts_ck CHECK (postings >= 0 AND title_only >= 0)
      )`);
    await q.query(`
      CREATE TABLE demand_skill (
        skill_id text NOT NULL,
        time_kind text NOT NULL,
        slot timestamptz NOT NULL,
        source_id text NOT NULL,
        country_code text,
        region_code text,
        esco_occupation_id text,
        onet_soc text,
        employer text,
        postings integer NOT NULL,
        CONSTRAINT demand_skill_uq UNIQUE NULLS NOT DISTINCT (skill_id, time_kind, slot, source_id, country_code, region_code, esco_occupation_id, onet_soc, employer),
        CONSTRAINT demand_skill_skill_fk FOREIGN KEY (skill_id) REFERENCES skill (id) ON DELETE CASCADE,
        CONSTRAINT demand_skill_time_kind_ck CHECK (time_kind IN ('instant', 'date', 'month')),
        CONSTRAINT demand_skill_postings_ck CHECK (postings > 0)
      )`);
    await q.query(`CREATE INDEX demand_skill_slot_idx ON demand_skill (time_kind, slot)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS demand_skill`);
    await q.query(`DROP TABLE IF EXISTS demand_total`);
    await q.query(`DROP TABLE IF EXISTS demand_posting`);
  }
}
