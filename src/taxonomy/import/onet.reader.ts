/**
 * Readers of the O*NET text database (tab-separated, header row, CRLF, no quoting): Occupation_Data.txt,
 * Alternate_Titles.txt, Sample_of_Reported_Titles.txt and Technology_Skills.txt. Pure: each takes a byte stream.
 */
import type { Readable } from 'node:stream';
import { cellOrNull, readDelimited } from './delimited-records.js';

/** File names inside an O*NET database directory (spaces in the official names replaced by "_"). */
export const ONET_FILES = {
  readMe: 'Read_Me.txt',
  occupations: 'Occupation_Data.txt',
  alternateTitles: 'Alternate_Titles.txt',
  reportedTitles: 'Sample_of_Reported_Titles.txt',
  technologySkills: 'Technology_Skills.txt',
} as const;

export interface OnetOccupation {
  /** O*NET-SOC code, e.g. "15-1252.00". */
  soc: string;
  title: string;
  description: string | null;
}

export interface OnetTitle {
  soc: string;
  title: string;
  kind: 'alternate_title' | 'short_title' | 'reported_title';
}

/** One row of Technology_Skills.txt: a software or technology example named for an occupation. */
export interface OnetTechnologySkill {
  soc: string;
  example: string;
  /** UNSPSC commodity code, e.g. "43232405". */
  commodityCode: string | null;
  commodityTitle: string | null;
  hotTechnology: boolean;
  inDemand: boolean;
}

const SOC = 'O*NET-SOC Code';

/** Occupation_Data.txt: O*NET-SOC Code, Title, Description. */
export async function* readOnetOccupations(input: Readable): AsyncGenerator<OnetOccupation> {
  for await (const r of readDelimited(input, 'tsv')) {
    yield { soc: r[SOC]!.trim(), title: r['Title']!.trim(), description: cellOrNull(r['Description']) };
  }
}

/** Alternate_Titles.txt: each Alternate Title, plus its Short Title when that is not "n/a". */
export async function* readOnetAlternateTitles(input: Readable): AsyncGenerator<OnetTitle> {
  for await (const r of readDelimited(input, 'tsv')) {
    const soc = r[SOC]!.trim();
    const title = cellOrNull(r['Alternate Title']);
    if (title) yield { soc, title, kind: 'alternate_title' };
    const short = cellOrNull(r['Short Title']);
    if (short && short.toLowerCase() !== 'n/a') yield { soc, title: short, kind: 'short_title' };
  }
}

/** Sample_of_Reported_Titles.txt: O*NET-SOC Code, Reported Job Title. */
export async function* readOnetReportedTitles(input: Readable): AsyncGenerator<OnetTitle> {
  for await (const r of readDelimited(input, 'tsv')) {
    const title = cellOrNull(r['Reported Job Title']);
    if (title) yield { soc: r[SOC]!.trim(), title, kind: 'reported_title' };
  }
}

/** Technology_Skills.txt: O*NET-SOC Code, Example, Commodity Code, Commodity Title, Hot Technology (Y/N), In Demand (Y/N). */
export async function* readOnetTechnologySkills(input: Readable): AsyncGenerator<OnetTechnologySkill> {
  for await (const r of readDelimited(input, 'tsv')) {
    yield {
      soc: r[SOC]!.trim(),
      example: r['Example']!.trim(),
      commodityCode: cellOrNull(r['Commodity Code']),
      commodityTitle: cellOrNull(r['Commodity Title']),
      hotTechnology: r['Hot Technology']?.trim() === 'Y',
      inDemand: r['In Demand']?.trim() === 'Y',
    };
  }
}

/** The release named in Read_Me.txt ("O*NET 29.2 Database" → "29.2"); throws when the text names none. */
export function detectOnetVersion(readMe: string): string {
  const match = /O\*NET\s+(\d+(?:\.\d+)*)\s+Database/i.exec(readMe);
  if (!match) throw new Error('Read_Me.txt does not name an "O*NET <version> Database" release');
  return match[1]!;
}
