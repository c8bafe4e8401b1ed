/** Where a badge's skill came from, strongest first. */
export type SkillHintSource = 'alignment' | 'credly_skill' | 'tag' | 'extracted';

/** A skill named by a badge before it is mapped to the taxonomy. */
export interface SkillHint {
  /** The text naming the skill (alignment targetName, tag, Credly skill name). */
  text: string;
  source: SkillHintSource;
  /** ESCO concept URI when the alignment gives one. */
  escoUri?: string;
  /** O*NET-SOC code when the alignment gives one (e.g. "15-1252.00"). */
  onetSoc?: string;
  /** The alignment's framework name or URL, when given. */
  framework?: string;
}

export type BadgeFormat =
  | 'ob2-assertion'
  | 'ob2-badgeclass'
  | 'ob3-credential'
  | 'ob3-achievement'
  | 'credly-badge'
  | 'credly-template';

/** A badge read from any supported JSON form, before skill mapping. */
export interface BadgeDescription {
  format: BadgeFormat;
  name: string;
  description: string | null;
  criteria: string | null;
  issuer: string | null;
  /** ISO 8601, or null. */
  issuedOn: string | null;
  expires: string | null;
  skillHints: SkillHint[];
}
