import { extname } from 'node:path';
import type { ParsedRecord } from '../posting.types.js';
import { htmlToText, normalizeWhitespace } from '../text/html-text.js';
import { parseLocation } from '../text/location.js';
import { isRecord, parseCsvFile, parseJsonFile, postingOrReject, reject, str, toIsoUtc } from './common.js';
import type { ColumnMapping, ParseOptions } from './format.types.js';

/** Value at a dotted path ("job.location.name") of a JSON record, or the CSV column of that exact name. */
function valueAt(record: Record<string, unknown>, path: string | undefined): unknown {
  if (!path) return undefined;
  if (path in record) return record[path];
  return path.split('.').reduce<unknown>((v, key) => (isRecord(v) ? v[key] : undefined), record);
}

/** Records of a generic file: CSV rows, JSONL lines, or the JSON array at `mapping.recordsPath` (default: top level). */
function recordsOf(text: string, filePath: string, mapping: ColumnMapping): unknown[] {
  const ext = extname(filePath).toLowerCase();
  if (ext === '.csv' || ext === '.tsv') return parseCsvFile(text, filePath, mapping.delimiter ?? (ext === '.tsv' ? '\t' : ','));
  if (ext === '.jsonl' || ext === '.ndjson') {
    return text.split(/\r?\n/).filter((l) => l.trim()).map((line, i) => {
      try {
        return JSON.parse(line);
      } catch {
        return { __invalidLine: i + 1, __text: line };
      }
    });
  }
  const data = parseJsonFile(text, filePath);
  const found = mapping.recordsPath && isRecord(data) ? valueAt(data, mapping.recordsPath) : data;
  if (!Array.isArray(found)) throw new Error(`${filePath}: no array of records at ${mapping.recordsPath ?? 'the top level'}`);
  return found;
}

/**
 * Any CSV (.csv/.tsv), JSON or JSON Lines (.jsonl/.ndjson) file of postings, read through a {@link ColumnMapping}
 * (shape documented there). sourceKind "generic", sourceKey from the mapping. postedAt accepts ISO text, dates and
 * epoch seconds/ms. A record missing the mapped id or title, or an unparsable JSONL line, is rejected.
 * Throws when no mapping is given, when the mapping lacks sourceKey/externalId/title, or on an unreadable file.
 */
export function* parseGeneric(text: string, filePath: string, options: ParseOptions): Iterable<ParsedRecord> {
  const mapping = options.mapping;
  if (!mapping || !mapping.sourceKey || !mapping.externalId || !mapping.title) {
    throw new Error(`${filePath}: the generic format needs a mapping with sourceKey, externalId and title`);
  }
  for (const [index, record] of recordsOf(text, filePath, mapping).entries()) {
    if (!isRecord(record) || '__invalidLine' in record) {
      yield reject(index, isRecord(record) ? `invalid JSON on line ${String(record.__invalidLine)}` : 'record is not an object', isRecord(record) ? record.__text : record);
      continue;
    }
    const get = (field: keyof ColumnMapping) => str(valueAt(record, mapping[field]));
    const plain = get('description');
    const html = get('descriptionHtml');
    yield postingOrReject(index, record, {
      sourceKey: mapping.sourceKey,
      sourceKind: 'generic',
      externalId: get('externalId')?.trim() ?? '',
      title: get('title') ?? '',
      company: get('company'),
      location: parseLocation(get('location')),
      postedAt: toIsoUtc(valueAt(record, mapping.postedAt)),
      url: get('url'),
      descriptionText: plain?.trim() ? normalizeWhitespace(plain) : html ? htmlToText(html) : null,
    });
  }
}
