import { registerRederiver } from '../../ingestion/normalize/rederive.js';
import { AshbyConnector, ashbyPosting } from './ashby.connector.js';
import type { SourceConnector, SourceKind } from './connector.types.js';
import { FileConnector } from './file.connector.js';
import { GreenhouseConnector } from './greenhouse.connector.js';
import { JsonLdConnector } from './jsonld.connector.js';
import { LeverConnector, leverPosting } from './lever.connector.js';
import { RemoteOkConnector } from './remoteok.connector.js';
import { feedItemPosting, RssConnector } from './rss.connector.js';
import { UsajobsConnector } from './usajobs.connector.js';

export type { ConnectorContext, ConnectorPage, SourceConfig, SourceConnector, SourceKind } from './connector.types.js';

/** Every source kind, in the order the docs list them. */
export const SOURCE_KINDS: readonly SourceKind[] = ['greenhouse', 'lever', 'ashby', 'jsonld', 'rss', 'usajobs', 'remoteok', 'file'];

const CONNECTORS: Record<SourceKind, SourceConnector> = {
  greenhouse: new GreenhouseConnector(),
  lever: new LeverConnector(),
  ashby: new AshbyConnector(),
  jsonld: new JsonLdConnector(),
  rss: new RssConnector(),
  usajobs: new UsajobsConnector(),
  remoteok: new RemoteOkConnector(),
  file: new FileConnector(),
};

/**
 * The connector of a source kind (stateless singletons).
 * @throws Error naming the kind and the known kinds when there is none.
 */
export function connectorFor(kind: SourceKind): SourceConnector {
  const connector = Object.hasOwn(CONNECTORS, kind) ? CONNECTORS[kind] : undefined;
  if (!connector) throw new Error(`kind: unknown source kind ${JSON.stringify(kind)} (known: ${SOURCE_KINDS.join(', ')})`);
  return connector;
}

// The backfill re-reads stored raw records: greenhouse, remoteok, usajobs and jsonld postings carry their file
// format's rawFormat (read by that format's parser); the kinds with their own mappers register them here.
const posting = (record: ReturnType<typeof leverPosting>) => (record.kind === 'posting' ? record.posting : null);
const nameOf = (sourceKey: string) => sourceKey.slice(sourceKey.indexOf(':') + 1);
registerRederiver('lever', (raw, stored) => posting(leverPosting(0, raw, nameOf(stored.sourceKey))));
registerRederiver('ashby', (raw, stored) => posting(ashbyPosting(0, raw, nameOf(stored.sourceKey))));
registerRederiver('rss', (raw, stored) => posting(feedItemPosting(0, raw, stored.sourceKey)));
