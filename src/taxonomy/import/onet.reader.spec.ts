import { Readable } from 'node:stream';
import { detectOnetVersion, readOnetAlternateTitles, readOnetOccupations, readOnetReportedTitles, readOnetTechnologySkills } from './onet.reader.js';

const tsv = (...lines: string[][]) => Readable.from([Buffer.from(lines.map((l) => l.join('\t')).join('\r\n') + '\r\n')]);
const all = async <T>(source: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
};

describe('O*NET readers', () => {
  it('reads Technology_Skills.txt rows with Y/N flags and CRLF endings', async () => {
    const rows = await all(readOnetTechnologySkills(tsv(
      ['O*NET-SOC Code', 'Example', 'Commodity Code', 'Commodity Title', 'Hot Technology', 'In Demand'],
      ['15-1252.00', 'Python', '43232405', 'Object or component oriented development software', 'Y', 'Y'],
      ['11-1011.00', 'Dell 17" monitors', '43211902', 'Liquid crystal display panels or monitors', 'N', 'N'],
    )));
    expect(rows).toEqual([
      { soc: '15-1252.00', example: 'Python', commodityCode: '43232405', commodityTitle: 'Object or component oriented development software', hotTechnology: true, inDemand: true },
      { soc: '11-1011.00', example: 'Dell 17" monitors', commodityCode: '43211902', commodityTitle: 'Liquid crystal display panels or monitors', hotTechnology: false, inDemand: false },
    ]);
  });

  it('reads occupations, alternate titles (short titles except n/a) and reported titles', async () => {
    expect(await all(readOnetOccupations(tsv(['O*NET-SOC Code', 'Title', 'Description'], ['15-1252.00', 'Software Developers', 'Research, design, and develop software.']))))
      .toEqual([{ soc: '15-1252.00', title: 'Software Developers', description: 'Research, design, and develop software.' }]);
    expect(await all(readOnetAlternateTitles(tsv(
      ['O*NET-SOC Code', 'Alternate Title', 'Short Title', 'Source(s)'],
      ['15-1252.00', 'Application Developer', 'n/a', '08'],
      ['15-1252.00', 'Software Development Engineer', 'SDE', '04'],
    )))).toEqual([
      { soc: '15-1252.00', title: 'Application Developer', kind: 'alternate_title' },
      { soc: '15-1252.00', title: 'Software Development Engineer', kind: 'alternate_title' },
      { soc: '15-1252.00', title: 'SDE', kind: 'short_title' },
    ]);
    expect(await all(readOnetReportedTitles(tsv(['O*NET-SOC Code', 'Reported Job Title', 'Shown in My Next Move'], ['11-1011.00', 'CEO (Chief Executive Officer)', 'Y']))))
      .toEqual([{ soc: '11-1011.00', title: 'CEO (Chief Executive Officer)', kind: 'reported_title' }]);
  });

  it('detects the release from Read_Me.txt', () => {
    expect(detectOnetVersion('O*NET 29.2 Database\r\nFebruary 2025 Release\r\n')).toBe('29.2');
    expect(() => detectOnetVersion('nothing here')).toThrow(/O\*NET <version> Database/);
  });
});
