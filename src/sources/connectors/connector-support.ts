import { HttpError, type HttpRequestOptions, type HttpResponse } from '../../infra/http/http-client.types.js';
import type { ParsedRecord } from '../../ingestion/posting.types.js';
import type { ConnectorContext, ConnectorPage, SourceConfig, SourceKind } from './connector.types.js';

/** Helpers every HTTP connector shares: config checks, fetching a page into `ConnectorPage`, stamping raw/fetchedAt. */

/** The API's base URL: `config.baseUrl` (checked http/https, trailing "/" removed) or the public default. */
export function apiBase(config: SourceConfig, fallback: string): string {
  return (config.baseUrl ?? fallback).replace(/\/+$/, '');
}

/** Throws naming `field` unless `value` is an http(s) URL. */
export function checkHttpUrl(value: unknown, field: string): void {
  let ok = false;
  try {
    const url = new URL(String(value));
    ok = typeof value === 'string' && (url.protocol === 'http:' || url.protocol === 'https:');
  } catch {
    ok = false;
  }
  if (!ok) throw new Error(`${field}: must be an http:// or https:// URL (got ${JSON.stringify(value)})`);
}

/** Throws naming `field` unless `value` is a non-empty string of letters, digits and the characters in `extra`. */
export function checkToken(value: unknown, field: string, pattern: RegExp = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/): string {
  if (typeof value !== 'string' || !value.trim()) throw new Error(`${field}: required`);
  if (!pattern.test(value)) throw new Error(`${field}: letters, digits, "_", "." and "-" only (got ${JSON.stringify(value)})`);
  return value;
}

/** Checks the fields every kind may carry: `baseUrl` (http/https) and `pageSize` (integer in 1..max). */
export function checkCommon(config: SourceConfig, maxPageSize = 1000): void {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new Error('config: must be an object');
  if (config.baseUrl !== undefined) checkHttpUrl(config.baseUrl, 'baseUrl');
  if (config.pageSize !== undefined && (!Number.isInteger(config.pageSize) || config.pageSize < 1 || config.pageSize > maxPageSize)) {
    throw new Error(`pageSize: must be an integer from 1 to ${maxPageSize} (got ${JSON.stringify(config.pageSize)})`);
  }
}

/** A lost page: the client's error message (it names the URL, status or blocked address), never request headers. */
export function failedPage(url: string, error: unknown): ConnectorPage {
  if (error instanceof HttpError) return { ok: false, url, error: `${error.code}: ${error.message}`, status: error.status };
  return { ok: false, url, error: (error as Error)?.message ?? String(error), status: null };
}

export type FetchOutcome = { ok: true; url: string; response: HttpResponse } | { ok: false; page: ConnectorPage };

/**
 * Fetches one page through the context's guarded client. With `conditional`, the validators stored for this URL
 * are sent (If-None-Match / If-Modified-Since). Never throws: a failure comes back as a failed page.
 */
export async function fetchPage(
  context: ConnectorContext,
  url: string,
  options: HttpRequestOptions & { conditional?: boolean } = {},
): Promise<FetchOutcome> {
  const { conditional, ...request } = options;
  const previous = conditional ? context.validators.get(url) : undefined;
  try {
    const response = await context.http.request(url, { ...request, etag: previous?.etag, lastModified: previous?.lastModified, signal: context.signal });
    return { ok: true, url, response };
  } catch (error) {
    return { ok: false, page: failedPage(url, error) };
  }
}

/**
 * The page of a fetched response: its records and validators (a 304 has no records and `notModified`). `url` is the
 * URL requested (not the one redirected to), the key validators are stored and looked up under.
 */
export function okPage(url: string, response: HttpResponse, records: ParsedRecord[]): ConnectorPage {
  return {
    ok: true,
    url,
    notModified: response.notModified,
    records: response.notModified ? [] : records,
    etag: response.headers.etag ?? null,
    lastModified: response.headers['last-modified'] ?? null,
  };
}

export interface StampOptions {
  /** The record as received, by the parsed record's index (used when the parser did not set `raw`). */
  rawOf: (index: number) => unknown;
  /** The run's start: `fetchedAt` of postings that have none (a file's own is its modification time). */
  fetchedAt: Date;
  kind: SourceKind;
  /**
   * How the backfill reads `raw` again (src/ingestion/normalize/rederive.ts): the posting-file FormatId when the raw
   * record is one of that format's records ("greenhouse-board", "remoteok", "usajobs", "jsonld"), else the kind.
   */
  rawFormat?: string;
  /** Overrides the posting's sourceKey (the connector's `sourceKey(config)`). */
  sourceKey?: string;
  /** Added to every record's index (several blocks read into one page). */
  indexOffset?: number;
}

/**
 * Stamps parsed records as a connector hands them on: `raw` = the record as received, `fetchedAt`, `rawFormat`,
 * optionally the source key; what the parser already set (raw, fetchedAt, rawFormat) is kept.
 */
export function stamp(records: Iterable<ParsedRecord>, options: StampOptions): ParsedRecord[] {
  const fetchedAt = options.fetchedAt.toISOString();
  const offset = options.indexOffset ?? 0;
  const out: ParsedRecord[] = [];
  for (const record of records) {
    if (record.kind !== 'posting') {
      out.push({ ...record, index: record.index + offset });
      continue;
    }
    const p = record.posting;
    const posting = {
      ...p,
      sourceKey: options.sourceKey ?? p.sourceKey,
      raw: p.raw ?? options.rawOf(record.index),
      fetchedAt: p.fetchedAt ?? fetchedAt,
      rawFormat: p.rawFormat ?? options.rawFormat ?? options.kind,
    };
    out.push({ ...record, index: record.index + offset, posting });
  }
  return out;
}

export type JsonOutcome = { done: ConnectorPage } | { url: string; response: HttpResponse; data: unknown };

/**
 * Fetches a JSON page: either a finished page (lost after retries, not JSON, or 304 Not Modified) in `done`, or the
 * response and its parsed body. Never throws.
 */
export async function fetchJson(
  context: ConnectorContext,
  url: string,
  options: HttpRequestOptions & { conditional?: boolean } = {},
): Promise<JsonOutcome> {
  const fetched = await fetchPage(context, url, options);
  if (!fetched.ok) return { done: fetched.page };
  const { response } = fetched;
  if (response.notModified) return { done: okPage(url, response, []) };
  try {
    return { url, response, data: response.json() };
  } catch (error) {
    return { done: failedPage(url, error) };
  }
}
