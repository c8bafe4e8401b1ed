/**
 * True for faults of the infrastructure rather than of the data: PostgreSQL connection (08), resource (53),
 * operator-intervention (57P) and transaction-rollback/serialisation (40) SQLSTATE classes, and socket errors
 * (ECONNREFUSED, ECONNRESET, ETIMEDOUT). Jobs rethrow these so BullMQ retries them; anything else is the input's fault.
 */
export function isTransientFault(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  return /^(08|53|57P|40)/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'].includes(code);
}
