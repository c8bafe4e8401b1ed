/** Shapes shared by the credential catalogue, its importers and the credentials API (see data/credentials/README.md). */

export const CREDENTIAL_PLATFORMS = ['coursera', 'edx', 'credly', 'vendor'] as const;
export type CredentialPlatform = (typeof CREDENTIAL_PLATFORMS)[number];

export const CREDENTIAL_KINDS = [
  'professional-certificate', 'micromasters', 'certification', 'badge', 'specialization', 'course', 'degree',
  'university-certificate', 'graduate-certificate', 'postgraduate-diploma', 'mastertrack', 'guided-project', 'other',
] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export const CREDENTIAL_LEVELS = ['beginner', 'intermediate', 'advanced', 'mixed'] as const;
export type CredentialLevel = (typeof CREDENTIAL_LEVELS)[number];

/** Where a credential row came from: our hand-written catalogue, or a file in the Coursera catalogue format. */
export type CredentialSource = 'skillpulse' | 'coursera-file';

/** A published price: `amount` in `currency` (ISO 4217), `note` says what it covers (exam attempt, per month...). */
export interface CredentialCost {
  amount: number;
  currency: string;
  note: string | null;
}

/**
 * A duration as the provider publishes it, e.g. "3 - 6 Months" → `{ min: 3, max: 6, unit: 'months' }`;
 * "Less Than 2 Hours" → `{ min: null, max: 2, unit: 'hours' }`. Calendar time at the provider's suggested pace,
 * never converted to hours (that would need a pace the file does not give). `text` is the original, trimmed.
 */
export interface CredentialDuration {
  min: number | null;
  max: number | null;
  unit: 'hours' | 'weeks' | 'months' | 'years';
  text: string;
}

/** One credential as written to table `credential` with its skill links (`credential_skill`). */
export interface CredentialRecord {
  id: string;
  source: CredentialSource;
  provider: string;
  platform: CredentialPlatform;
  name: string;
  url: string | null;
  kind: CredentialKind;
  level: CredentialLevel | null;
  /** Typical total hours of study, when the provider publishes them; null otherwise (never estimated). */
  hours: number | null;
  duration: CredentialDuration | null;
  cost: CredentialCost | null;
  /** Taxonomy skill ids taught, each with the name the source gave it (null for our catalogue's refs). */
  skills: Array<{ skillId: string; sourceLabel: string | null }>;
  /** Skill names or refs the source gives that map to no taxonomy skill. */
  unmappedSkills: string[];
}
