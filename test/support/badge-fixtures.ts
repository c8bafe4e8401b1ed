/**
 * Badges written for the badge API tests from the Open Badges 2.0 / 3.0 specifications' documented shapes, and a local
 * HTTP server that hosts them (hosted verification, a revoked assertion answering 410, the issuer and BadgeClass).
 * Signed and baked forms come from badge-signing.ts.
 * The server listens on 127.0.0.1 on a free port: list `server.host` in FETCH_ALLOW_HOSTS.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** ESCO skill "PostgreSQL" (starter taxonomy) and its concept URI. */
export const POSTGRESQL = 'a8d07b5a-c1a1-42c6-9d53-db9c7a2ca996';
export const POSTGRESQL_URI = `http://data.europa.eu/esco/skill/${POSTGRESQL}`;
export const LEARNER = 'learner@example.org';
const SALT = 'pepper-42';

export const OB2_CONTEXT = 'https://w3id.org/openbadges/v2';
export const VC2_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];
export const VC1_CONTEXT = ['https://www.w3.org/2018/credentials/v1', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];

/** An OB 2.0 hashed email identity: `sha256$` + hex SHA-256 of the address followed by the salt. */
export function hashedEmail(email: string, salt = SALT): { type: 'email'; hashed: true; salt: string; identity: string } {
  return { type: 'email', hashed: true, salt, identity: `sha256$${createHash('sha256').update(email + salt).digest('hex')}` };
}

export class BadgeServer {
  private readonly documents = new Map<string, { status: number; body: unknown }>();
  private server!: Server;
  base = '';
  host = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const doc = this.documents.get(req.url ?? '');
      res.writeHead(doc?.status ?? 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(doc?.body ?? { error: 'not found' }));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.host = `127.0.0.1:${port}`;
    this.base = `http://${this.host}`;
    this.serve('/issuer', this.issuer());
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Serves `body` (JSON) at `path` with `status`. */
  serve(path: string, body: unknown, status = 200): void {
    this.documents.set(path, { status, body });
  }

  issuer(): Record<string, unknown> {
    return { '@context': OB2_CONTEXT, type: 'Issuer', id: `${this.base}/issuer`, name: 'Test Academy', url: this.base, email: 'badges@example.org' };
  }

  /** An OB 2.0 BadgeClass (type a plain string), served at its id. */
  badgeClass(slug: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const badgeClass = {
      '@context': OB2_CONTEXT, type: 'BadgeClass', id: `${this.base}/badgeclasses/${slug}`, name: `Badge ${slug}`,
      description: 'Awarded for the course.', image: `${this.base}/images/${slug}.png`, criteria: { narrative: 'Pass the course.' },
      issuer: this.issuer(), ...extra,
    };
    this.serve(`/badgeclasses/${slug}`, badgeClass);
    return badgeClass;
  }

  /**
   * An OB 2.0 hosted Assertion with its BadgeClass embedded, issued to LEARNER; served at its id unless `served` is
   * false, or answered with `410 {"revoked": true}` when `revoked`.
   */
  assertion(slug: string, badgeClass: Record<string, unknown>, extra: Record<string, unknown> = {}, options: { revoked?: boolean } = {}): Record<string, unknown> {
    const assertion = {
      '@context': OB2_CONTEXT, type: 'Assertion', id: `${this.base}/assertions/${slug}`, recipient: hashedEmail(LEARNER),
      badge: badgeClass, issuedOn: '2024-01-15T00:00:00Z', verification: { type: 'hosted' }, ...extra,
    };
    if (options.revoked) this.serve(`/assertions/${slug}`, { revoked: true }, 410);
    else this.serve(`/assertions/${slug}`, assertion);
    return assertion;
  }
}

/** An ESCO-aligned skill as an OB 2.0 / 3.0 alignment (the name on purpose is no label of the skill: the URI maps it). */
export const pgAlignment = (ob3: boolean) => ({
  ...(ob3 ? { type: ['Alignment'] } : {}),
  targetName: 'administer relational database systems',
  targetUrl: POSTGRESQL_URI,
  targetFramework: 'ESCO',
});

/** An OB 3.0 OpenBadgeCredential (no proof) with the given dates (VC 2.0 `validFrom`… or VC 1.1 `issuanceDate`…). */
export function ob3Credential(issuer: string, dates: Record<string, string>, vc1 = false): Record<string, unknown> {
  return {
    '@context': vc1 ? VC1_CONTEXT : VC2_CONTEXT,
    id: 'urn:uuid:5e2a0f0c-9b37-4c3e-9a55-2a7f0b8f6c11',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, type: ['Profile'], name: 'Test Academy' },
    name: 'Relational databases',
    ...dates,
    credentialSubject: {
      type: ['AchievementSubject'],
      achievement: {
        id: `${issuer}/achievements/relational-databases`, type: ['Achievement'], name: 'Relational databases',
        description: 'Awarded for the course.', criteria: { narrative: 'Pass the course.' }, alignment: [pgAlignment(true)],
      },
    },
  };
}
