import type { MatchResult } from '../matching/match.service.js';
import type { Profile } from '../matching/profile.service.js';

/** Prints each badge's verification status and why, which skills each badge and input gave, and which map to nothing. */
export function printProfile(profile: Profile, badgeFiles: string[]): void {
  console.log('\nProfile');
  for (const b of profile.badges) {
    console.log(`  badge ${b.index} (${badgeFiles[b.index] ?? ''}): "${b.name}" [${b.format}]${b.issuer ? ` by ${b.issuer}` : ''}`);
    console.log(`    ${b.status} (${b.tier}): ${b.reason}`);
    for (const w of b.warnings) console.log(`    ! ${w}`);
    for (const s of b.skills) {
      console.log(s.unmapped ? `    ✗ ${s.source} "${s.text}": not in the taxonomy` : `    ✓ ${s.source} "${s.text}" → ${s.label} (${s.how})`);
    }
  }
  const inputs = profile.skills.filter((s) => 'input' in s.from);
  if (inputs.length) console.log(`  skills given: ${inputs.map((s) => `${(s.from as { input: string }).input} → ${s.label}`).join(', ')}`);
  if (profile.unmatchedInput.length) console.log(`  not in the taxonomy: ${profile.unmatchedInput.join(', ')}`);
  console.log(`  ${profile.skills.length} skill(s) in the profile: ${profile.skills.map((s) => s.label).join(', ')}`);
}

/** Prints ranked matches with matched (and where they came from) and missing skills. */
export function printMatches(results: MatchResult[]): void {
  console.log(`\nTop ${results.length} matches`);
  if (results.length === 0) console.log('  no open posting asks for any of these skills');
  results.forEach((r, i) => {
    const p = r.posting;
    const where = [p.company, p.location].filter(Boolean).join(' · ');
    console.log(`${String(i + 1).padStart(3)}. ${r.score.toFixed(3)}  ${p.title}${where ? ` — ${where}` : ''}${p.postedAt ? ` (${p.postedAt.slice(0, 10)})` : ''}`);
    console.log(`       matched: ${r.matched.map((m) => `${m.label}${m.required ? '*' : ''}${m.via ? ' (related)' : ''}`).join(', ')}`);
    const missing = r.missing.slice(0, 8).map((m) => `${m.label}${m.required ? '*' : ''}`);
    if (missing.length) console.log(`       missing: ${missing.join(', ')}${r.missing.length > 8 ? `, … ${r.missing.length - 8} more` : ''}`);
  });
  if (results.length) console.log('  (* = required by the posting)');
}
