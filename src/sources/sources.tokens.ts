import type { SourceConnector, SourceKind } from './connectors/connector.types.js';

/**
 * Injection token of the connector registry, bound to `connectorFor` (src/sources/connectors/index.ts) in
 * `SOURCE_PROVIDERS` (sources.providers.ts); a test may bind its own connectors.
 */
export const CONNECTOR_REGISTRY = 'SOURCE_CONNECTOR_REGISTRY';

/** The connector of a kind; throws for a kind with none. */
export type ConnectorRegistry = (kind: SourceKind) => SourceConnector;
