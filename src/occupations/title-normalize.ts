/**
 * Normalisation of job titles and occupation labels into comparable token lists (pure, no I/O).
 *
 * Both sides go through the same steps, so a posting title and an ESCO label / O*NET alternate title compare
 * token by token: lower case without diacritics, bracketed asides and gender markers ("(m/w/d)", "/-in") removed,
 * seniority and employment-terms words dropped ("Senior", "Sr.", "II", "Part Time"), a few abbreviations
 * expanded ("VP", "Mgr", "CTO"), compounds joined the way the taxonomies spell them ("front end"), plurals folded.
 */

/** One part of a title between separators (" - ", ",", "|", ":", " at "...), as content tokens. */
export interface TitleSegment {
  /** Content tokens (stop words removed), plural-folded, in order. */
  tokens: string[];
  /** The head noun: the token before the first "of"/"for"/"in"... ("Professor of Nursing"), else the last token. */
  head: string | null;
}

const STOP = new Set(['and', 'or', 'the', 'a', 'an', 'of', 'for', 'in', 'at', 'to', 'with', 'on', 'by', 'as', 'our', 'your', 'fur', 'und', 'im', 'zu', 'de', 'e', 'y', 'et', 'la', 'le', 'el']);
const PREPOSITIONS = new Set(['of', 'for', 'in', 'at', 'with', 'to', 'on', 'fur', 'im', 'zu']);

/** Words that say how senior, how long or where, never which occupation; dropped anywhere. */
const SENIORITY = ['senior', 'sr', 'snr', 'junior', 'jr', 'jnr', 'mid', 'midlevel', 'intermediate', 'experienced', 'entry', 'level', 'founding'];
const LABEL_NOISE = new Set(SENIORITY);
const NOISE = new Set([
  ...SENIORITY,
  'remote', 'hybrid', 'onsite', 'fulltime', 'parttime', 'part', 'time', 'temporary', 'temp',
  'freelance', 'interim', 'diem', 'per', 'seasonal', 'urgent', 'hiring', 'new', 'multiple', 'openings', 'opening', 'position', 'positions',
  'i', 'ii', 'iii', 'iv', 'v', 'vi', 'gesucht', 'vollzeit', 'teilzeit', 'minijob', 'homeoffice', 'sign-on', 'bonus', 'available', 'shift',
  'first', 'second', 'third', 'night', 'weekend', 'weekends', 'days', 'nights', 'evening', 'evenings', 'overnight', 'relief', 'flex', 'prn',
]);

/** Rank words that only modify what follows them ("Staff Engineer", "Associate Professor"); kept when they are the last word. */
const LEADING_RANK = new Set(['staff', 'lead', 'principal', 'associate', 'assistant', 'adjunct', 'visiting', 'full', 'distinguished', 'tenure', 'track']);
/** Rank words that are dropped only before these heads ("Assistant Professor" is a professor; "Assistant Manager" stays). */
const ACADEMIC_HEADS = new Set(['professor', 'lecturer', 'instructor', 'faculty']);

/** Abbreviations and joined spellings, written the way ESCO and O*NET spell them. */
const EXPAND = new Map<string, string>(Object.entries({
  mgr: 'manager', engr: 'engineer', asst: 'assistant', assoc: 'associate', coord: 'coordinator', admin: 'administrator',
  vp: 'vice president', svp: 'vice president', evp: 'vice president', avp: 'vice president',
  ceo: 'chief executive officer', cto: 'chief technology officer', cfo: 'chief financial officer', coo: 'chief operating officer',
  cio: 'chief information officer', cmo: 'chief marketing officer', ciso: 'chief information security officer',
  hr: 'human resources', qa: 'quality assurance', ml: 'machine learning',
  frontend: 'front end', backend: 'back end', fullstack: 'full stack', devops: 'devops', sre: 'site reliability engineer',
  swe: 'software engineer', sde: 'software development engineer', rn: 'registered nurse', lpn: 'licensed practical nurse',
  np: 'nurse practitioner', pa: 'physician assistant', cna: 'certified nursing assistant', cdl: 'commercial driver',
  // German head words of the titles seen in the data (Arbeitnow); the taxonomies are read in English.
  softwareentwickler: 'software developer', entwickler: 'developer', ingenieur: 'engineer', projektingenieur: 'project engineer',
  berater: 'consultant', projektleiter: 'project manager', leiter: 'manager', teamleiter: 'team leader', teamlead: 'team leader',
  architekt: 'architect', landschaftsarchitekt: 'landscape architect', buchhalter: 'bookkeeper', lehrer: 'teacher',
  elektriker: 'electrician', elektroniker: 'electronics technician', pflegefachkraft: 'nurse', krankenpfleger: 'nurse',
  erzieher: 'early years teacher', koch: 'cook', fahrer: 'driver', verkaufer: 'sales assistant', kundenberater: 'customer advisor',
  steuerberater: 'tax advisor', datenanalyst: 'data analyst', systemadministrator: 'system administrator', videograf: 'videographer',
  mechatroniker: 'mechatronics technician', kfz: 'automotive', werkstudent: 'student',
}));
/** Abbreviations expanded only in head position ("Pharmacy Tech" is a technician; "Tech Lead" is not). */
const EXPAND_HEAD = new Map<string, string>(Object.entries({
  tech: 'technician', rep: 'representative', reps: 'representative', dev: 'developer', devs: 'developer', eng: 'engineer',
}));

/** Gender markers of German and French titles: "(m/w/d)", "m/f/d", "/-in", "/-frau", "(H/F)". */
const GENDER = /\b(?:m|w|f|h|d|x|i|gn|div)(?:\s*[/|,]\s*(?:m|w|f|h|d|x|i|gn|div)){1,3}\b|\/-?(?:in|innen|frau)\b|\*in\b|:in\b/gi;

/** Lower case, no diacritics, no bracketed asides or gender markers; separators kept for splitting. */
export function cleanTitle(title: string): string {
  return title
    .replace(/\S+@\S+|https?:\/\/\S+|www\.\S+/gi, ' , ')
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(GENDER, ' ')
    .replace(/\([^)]*\)?|\[[^\]]*\]?|\{[^}]*\}?/g, ' , ')
    .toLowerCase()
    .replace(/\be-(?=commerce|mail|learning)/g, 'e')
    .replace(/\bsr\.|\bjr\./g, ' ')
    .replace(/[’'`]/g, '')
    .replace(/&/g, ' and ')
    .replace(/\+/g, ' ');
}

/** Splits a cleaned title into its parts: " - ", ",", "|", ":", ";", "_", " @ ", " at ", " or ". */
export function splitSegments(cleaned: string): string[] {
  return cleaned
    .split(/\s[-–—]+\s|[-–—]{2,}|[,|:;_•·@!?]|\s(?:at|or|oder|ou|o)\s/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Folds English plurals conservatively ("analysts" → "analyst", "secretaries" → "secretary"; "business", "sales" kept as "business", "sale"). */
export function foldPlural(token: string): string {
  if (token.length <= 3) return token;
  if (token.endsWith('ies') && token.length > 4) return `${token.slice(0, -3)}y`;
  if (/(?:ss|us|is|os|as|ics)$/.test(token)) return token;
  if (token.endsWith('s')) return token.slice(0, -1);
  return token;
}

/** Raw word tokens of a segment: letters and digits; hyphens and slashes split words ("front-end" → "front end"). */
function words(segment: string): string[] {
  return segment.split(/[^a-z0-9]+/).filter(Boolean);
}

/** One segment as content tokens with its head noun; `label` keeps words such as "night" or "relief" that labels use. */
export function segmentTokens(segment: string, label = false): TitleSegment {
  const noise = label ? LABEL_NOISE : NOISE;
  const raw = words(segment).filter((w) => !/\d/.test(w));
  const expanded: string[] = [];
  raw.forEach((w, i) => {
    const isLast = i === raw.length - 1 || PREPOSITIONS.has(raw[i + 1]);
    const e = EXPAND.get(w) ?? (isLast ? EXPAND_HEAD.get(w) : undefined);
    expanded.push(...(e ? e.split(' ') : [w]));
  });
  const kept = expanded.filter((w) => !noise.has(w));
  // The head: the word before the first preposition that follows a word ("Head of Sales"), else the last word.
  let headIndex = kept.length - 1;
  for (let i = 1; i < kept.length; i += 1) {
    if (PREPOSITIONS.has(kept[i])) {
      headIndex = i - 1;
      break;
    }
  }
  const tokens: string[] = [];
  let head: string | null = null;
  kept.forEach((w, i) => {
    if (STOP.has(w) && i !== headIndex) return;
    // "Staff Engineer", "Associate Professor": the rank word goes unless it is the head itself.
    if (i < headIndex && LEADING_RANK.has(w) && tokens.length === 0) {
      const next = kept[i + 1];
      const headWord = kept[headIndex];
      const academic = ACADEMIC_HEADS.has(headWord);
      if (academic || w === 'staff' || w === 'lead' || w === 'principal' || w === 'distinguished' || (w === 'associate' && next !== undefined && !ACADEMIC_HEADS.has(next))) return;
    }
    const t = foldPlural(w);
    if (i === headIndex) head = t;
    tokens.push(t);
  });
  return { tokens, head };
}

/** A whole title as its segments (empty when nothing names an occupation). */
export function titleSegments(title: string): TitleSegment[] {
  // After the first part, a one- or two-letter part is a state or a code ("- DC", "- TX"), never the role.
  return splitSegments(cleanTitle(title))
    .map((s) => segmentTokens(s))
    .filter((s, i) => s.head !== null && s.tokens.length > 0 && (i === 0 || s.tokens.join(' ').length > 2));
}

/**
 * An occupation label (ESCO preferred/alt label, O*NET title or alternate title) as tokens and heads. O*NET titles
 * read "Nursing Instructors and Teachers, Postsecondary" or "Computer Systems Engineers/Architects": every conjunct's
 * last word is a head, and the part after the comma only adds tokens.
 */
export function labelForm(label: string): { tokens: string[]; heads: string[] } {
  const cleaned = cleanTitle(label).replace(/,\s*all other\b/g, '');
  const [main, ...rest] = cleaned.split(',');
  const seg = segmentTokens(main, true);
  const heads = new Set<string>(seg.head ? [seg.head] : []);
  if (!/\s(?:of|for|in)\s/.test(main)) {
    for (const conjunct of main.split(/\s(?:and|or)\s|\//)) {
      const c = segmentTokens(conjunct, true);
      if (c.head && c.tokens.length > 0) heads.add(c.head);
    }
  }
  // The part after a comma qualifies an O*NET title ("Teachers, Postsecondary"; "Substitute Teachers, Short-Term"):
  // titles rarely repeat it, so it is left out rather than counted as missing.
  void rest;
  return { tokens: [...new Set(seg.tokens)], heads: [...heads] };
}
