import type { ExtractedSkill } from './extraction.types.js';
import type { SkillExtractor } from './extractor.js';
import type { PostingSkills, PostingText, StoredSpan } from './posting-skill.repository.js';

/**
 * Extracts a stored posting's skills from its description text, or from its title when it has no description
 * (a title names the occupation more than skills, so it only stands in when nothing else is there).
 * Spans say which field they index.
 */
export function extractPosting(extractor: SkillExtractor, posting: PostingText, minConfidence: number): PostingSkills {
  const bySkill = new Map<string, ExtractedSkill & { spans: StoredSpan[] }>();
  const add = (skills: ExtractedSkill[], field: StoredSpan['field']) => {
    for (const s of skills) {
      const spans = s.spans.map((span) => ({ ...span, field }));
      const seen = bySkill.get(s.skillId);
      if (!seen) {
        bySkill.set(s.skillId, { ...s, spans });
        continue;
      }
      seen.spans.push(...spans);
      seen.confidence = Math.max(seen.confidence, s.confidence);
      seen.requirement ??= s.requirement;
      seen.reasons.push(...s.reasons);
    }
  };
  if (posting.description) add(extractor.extract(posting.description, { minConfidence }), 'description');
  else add(extractor.extract(posting.title, { minConfidence, jobTitle: true }).map((s) => ({ ...s, requirement: null })), 'title');
  return { postingId: posting.id, contentHash: posting.contentHash, skills: [...bySkill.values()] };
}
