import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';

/** How a taxonomy file is laid out. */
export type DelimitedFormat =
  /** RFC-4180 CSV: comma, double-quoted cells that may hold newlines (ESCO exports). */
  | 'csv'
  /** Tab-separated, no quoting at all (O*NET text database). */
  | 'tsv';

/**
 * Streams the records of a delimited file with a header row as `{ column: value }` objects.
 * CRLF and LF both end a record; a UTF-8 BOM is dropped; blank lines are skipped. Throws the parser's
 * error (with its line number) on malformed input, e.g. an unterminated quoted cell.
 */
export async function* readDelimited(input: Readable, format: DelimitedFormat): AsyncGenerator<Record<string, string>> {
  const parser = input.pipe(
    parse({
      columns: true,
      bom: true,
      skip_empty_lines: true,
      delimiter: format === 'tsv' ? '\t' : ',',
      // O*NET cells may contain a bare `"` (e.g. 12" monitors); only the CSV exports are quoted.
      quote: format === 'tsv' ? null : '"',
      relax_column_count: false,
    }),
  );
  input.on('error', (error) => parser.destroy(error));
  for await (const record of parser) yield record as Record<string, string>;
}

/** The lines of a multi-valued ESCO cell (altLabels, hiddenLabels): newline-separated, trimmed, blanks dropped. */
export function splitLines(cell: string | undefined): string[] {
  if (!cell) return [];
  return cell
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** Null for an empty or whitespace-only cell, the trimmed text otherwise. */
export function cellOrNull(cell: string | undefined): string | null {
  const value = cell?.trim();
  return value ? value : null;
}
