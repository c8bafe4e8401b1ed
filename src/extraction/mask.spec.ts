import { findMaskedRanges, overlapsMasked } from './mask.js';

function masked(text: string): string[] {
  return findMaskedRanges(text).map((r) => text.slice(r.start, r.end));
}

describe('findMaskedRanges', () => {
  it.each<[string, string[]]>([
    ['Send your CV to jobs@python.org or see https://example.com/react/docs', ['jobs@python.org', 'https://example.com/react/docs']],
    ['Visit www.golang.org.', ['www.golang.org']],
    ['Apply at careers.acme.com/jobs/123, thanks', ['careers.acme.com/jobs/123']],
    ['Binary in /usr/local/bin/python and ~/src/app', ['/usr/local/bin/python', '~/src/app']],
    ['Edit src/react/index.tsx or ./run.sh', ['src/react/index.tsx', './run.sh']],
    ['Open C:\\Users\\dev\\excel.exe now', ['C:\\Users\\dev\\excel.exe']],
    ['Mail first.last@example.co.uk, and/or call', ['first.last@example.co.uk']],
    ['Logs in /var/log and C:\\logs\\app.log', ['/var/log', 'C:\\logs\\app.log']],
    // Technology names that look like domains or paths stay readable.
    ['ASP.NET/C#, Node.js/React, Python/Java/Node.js, CI/CD, TCP/IP, Socket.IO, Salesforce.com', []],
  ])('%j', (text, expected) => {
    expect(masked(text)).toEqual(expected);
  });

  it('answers overlap queries', () => {
    const ranges = [{ start: 5, end: 10 }, { start: 20, end: 30 }];
    expect([overlapsMasked(ranges, 0, 5), overlapsMasked(ranges, 9, 12), overlapsMasked(ranges, 10, 20), overlapsMasked(ranges, 25, 26)])
      .toEqual([false, true, false, true]);
  });
});
