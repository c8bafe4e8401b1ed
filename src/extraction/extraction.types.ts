/** One surface form naming a skill, as compiled into the extractor (from the taxonomy's alias table). */
export interface AliasEntry {
  skillId: string;
  /** The skill's preferred label (ESCO preferredLabel, O*NET example name, or ours). */
  label: string;
  /** The surface form as written in the taxonomy, e.g. "JS", "Node.js", "use spreadsheets software". */
  surface: string;
  /** Where the form comes from. */
  kind: 'preferred' | 'alt' | 'hidden' | 'onet_example' | 'curated';
  /** Match only with this exact letter case ("Go", "R", "C"). */
  caseSensitive: boolean;
  /** An ordinary word that is also a tool name: needs corroborating context. */
  ambiguous: boolean;
}

/** Offsets are UTF-16 code units into the given text: start inclusive, end exclusive. */
export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

export type Requirement = 'required' | 'preferred';

/**
 * The part of a posting a mention sits in, from the nearest heading above it ("Requirements:", "What we offer",
 * "About us", "How to apply") or, for equal-opportunity and how-to-apply sentences, from the sentence itself.
 */
export type PostingSection =
  | 'requirements' | 'responsibilities' | 'benefits' | 'about_company' | 'equal_opportunity' | 'how_to_apply';

export interface ExtractedSkill {
  skillId: string;
  label: string;
  /** In [0, 1]. */
  confidence: number;
  requirement: Requirement | null;
  spans: TextSpan[];
  /** Why the skill was extracted: which alias matched and what context corroborated it. */
  reasons: string[];
  /**
   * Section of the skill's most telling mention (requirements first, then responsibilities); absent when no
   * heading or boilerplate sentence places it. Skills whose every mention sits in benefits, about-the-company,
   * equal-opportunity or how-to-apply text are not extracted at all.
   */
  section?: PostingSection;
  /** Years of experience stated for the skill ("5+ years of Python" -> 5; a range "3-5 years" -> its minimum 3). */
  yearsOfExperience?: number;
}

export interface ExtractOptions {
  /** Skills below this confidence are dropped. Default 0.5. */
  minConfidence?: number;
  /**
   * The text is a job title ("Senior Java Developer"): keep the skills it names. Otherwise short title-like lines
   * of a description (a role noun, no sentence end, no requirement cue) are not skill mentions.
   */
  jobTitle?: boolean;
}
