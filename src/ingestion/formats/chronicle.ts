import type { ParsedRecord } from '../posting.types.js';
import { normalizeWhitespace } from '../text/html-text.js';
import { parseLocation } from '../text/location.js';
import { blankToNull, parseCsvFile, parseSalaryText, postingOrReject } from './common.js';

/** Salary cells that say nothing ("Salary Not specified", "N/A", "Competitive", "Commensurate with experience"). */
const NO_SALARY = /^(salary )?not specified$|^n\/?a$|^competitive|^commensurate|^tbd$|^dependent|^depends/i;

/**
 * Chronicle of Higher Education faculty-job CSV (weekly scrapes, SOURCES.md §3h): columns Job ID, Job Title, Job URL,
 * Employer, Location, Salary (free text), Date Posted (YYYY-MM-DD), Description (plain text with paragraph breaks),
 * Position Type … columns. sourceKey "chronicle", externalId Job ID. A Job ID seen earlier in the same file is emitted
 * as `skipped` (the scrapes hold 18 such duplicates). Salary is parsed only when the cell holds a number.
 * Throws on malformed CSV.
 */
export function* parseChronicleCsv(text: string, filePath: string): Iterable<ParsedRecord> {
  const rows = parseCsvFile(text, filePath);
  const firstSeen = new Map<string, number>();
  for (const [index, row] of rows.entries()) {
    const id = row['Job ID']?.trim() ?? '';
    const earlier = id ? firstSeen.get(id) : undefined;
    if (earlier !== undefined) {
      yield { kind: 'skipped', index, reason: `duplicate Job ID ${id} (first at row ${earlier})` };
      continue;
    }
    if (id) firstSeen.set(id, index);
    const salaryText = blankToNull(row.Salary);
    yield postingOrReject(index, row, {
      sourceKey: 'chronicle',
      sourceKind: 'chronicle',
      externalId: id,
      title: row['Job Title'] ?? '',
      company: row.Employer,
      location: parseLocation(row.Location),
      postedAt: toDay(row['Date Posted']),
      url: row['Job URL'],
      descriptionText: row.Description ? normalizeWhitespace(row.Description) : null,
      salary: salaryText && !NO_SALARY.test(salaryText) && /\d/.test(salaryText) ? parseSalaryText(salaryText) : null,
    });
  }
}

function toDay(value: string | undefined): string | null {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? `${value.trim()}T00:00:00.000Z` : null;
}
