import { brotliDecompress, gunzip, inflate, type ZlibOptions } from 'node:zlib';
import { promisify } from 'node:util';
import { HttpError, HttpErrorCode, type HttpResponse } from './http-client.types.js';

const DECODERS: Record<string, (buffer: Buffer, options: ZlibOptions) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress) as (buffer: Buffer, options: ZlibOptions) => Promise<Buffer>,
};

/**
 * Reads a response body into memory, refusing more than `maxBytes` (checked on Content-Length first, then while
 * reading, then on the decompressed size, so a small gzip bomb fails too).
 * @param abort called when the cap is passed, to stop the transfer.
 * @throws HttpError TOO_LARGE.
 */
export async function readCappedBody(
  body: AsyncIterable<Buffer | Uint8Array>,
  headers: Record<string, string>,
  maxBytes: number,
  url: string,
  abort: () => void,
): Promise<Buffer> {
  const tooLarge = () => new HttpError(HttpErrorCode.TOO_LARGE, `response body from ${url} exceeds ${maxBytes} bytes`, url);
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    abort();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      abort();
      throw tooLarge();
    }
    chunks.push(Buffer.from(chunk));
  }
  const raw = Buffer.concat(chunks, size);
  const encoding = (headers['content-encoding'] ?? '').trim().toLowerCase();
  const decode = DECODERS[encoding];
  if (!decode || raw.length === 0) return raw;
  try {
    return await decode(raw, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) throw tooLarge();
    throw new HttpError(HttpErrorCode.NETWORK, `cannot decode ${encoding} body from ${url}: ${(error as Error).message}`, url);
  }
}

/** Header values as one string each (repeated headers joined with ", "), names lower-cased. */
export function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** The `HttpResponse` handed to callers: body buffered, `text()`/`json()` decode it on demand. */
export function buildResponse(url: string, status: number, headers: Record<string, string>, body: Buffer, attempts: number): HttpResponse {
  return {
    url,
    status,
    notModified: status === 304,
    headers,
    body,
    attempts,
    text: () => body.toString('utf8'),
    json: <T>() => {
      try {
        return JSON.parse(body.toString('utf8').replace(/^\uFEFF/, '')) as T;
      } catch (error) {
        throw new HttpError(HttpErrorCode.INVALID_JSON, `response from ${url} is not JSON: ${(error as Error).message}`, url, status, attempts);
      }
    },
  };
}
