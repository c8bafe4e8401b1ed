import { htmlToText, normalizeWhitespace, repairMojibake, unescapeGreenhouseContent, unescapeHtmlOnce } from './html-text.js';

describe('unescapeGreenhouseContent', () => {
  it('unescapes once, then converts: "Python & SQL" on one line, "Terraform" alone on a later line (no bullet)', () => {
    const text = unescapeGreenhouseContent('&lt;p&gt;Python &amp;amp; SQL&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Terraform&lt;/li&gt;&lt;/ul&gt;');
    const lines = text.split('\n');
    const python = lines.indexOf('Python & SQL');
    expect(python).toBeGreaterThanOrEqual(0);
    expect(lines.indexOf('Terraform')).toBeGreaterThan(python);
    expect(text).toBe('Python & SQL\n\nTerraform');
  });

  it('keeps entities of the inner HTML for the HTML parser (&amp;nbsp; → space)', () => {
    expect(unescapeGreenhouseContent('&lt;p&gt;Go&amp;nbsp;and&amp;nbsp;Rust&lt;/p&gt;')).toBe('Go and Rust');
  });
});

describe('htmlToText', () => {
  it.each([
    ['list items on their own lines', '<p>Skills:</p><ul><li>Python</li><li> Kubernetes </li></ul>', 'Skills:\n\nPython\nKubernetes'],
    ['ordered lists without numbers', '<ol><li>SQL</li><li>dbt</li></ol>', 'SQL\ndbt'],
    ['paragraphs separated by one blank line', '<p>One</p><p></p><p>Two</p>', 'One\n\nTwo'],
    ['link text kept, href dropped', 'Apply <a href="https://x.example/jobs">here</a> now', 'Apply here now'],
    ['entities decoded', '<p>R&amp;D &lt;team&gt; &quot;caf&eacute;&quot; &#x2F; CI&#x2F;CD</p>', 'R&D <team> "café" / CI/CD'],
    ['headings not uppercased', '<h2>What you will do</h2><p>Build APIs</p>', 'What you will do\n\nBuild APIs'],
    ['whitespace collapsed and trimmed', '  <p>a \u00a0  b</p>\n\n\n<p>c</p>  ', 'a b\n\nc'],
    ['soft hyphen and zero-width space removed', 'Full\u00adtime Type\u200bScript', 'Fulltime TypeScript'],
    ['empty input', '', ''],
  ])('%s', (_name, html, expected) => {
    expect(htmlToText(html)).toBe(expected);
  });

  it('keeps source newlines when asked (Remote OK / HN mix text lines with tags)', () => {
    expect(htmlToText('Skills:\n• Python\n• Go<p>More</p>', { preserveNewlines: true })).toBe('Skills:\n• Python\n• Go\n\nMore');
  });
});

describe('unescapeHtmlOnce', () => {
  it.each([
    ['&lt;b&gt;x&lt;/b&gt;', '<b>x</b>'],
    ['&amp;amp;', '&amp;'],
    ['&#39;a&#x27;', "'a'"],
    ['&nbsp;', '&nbsp;'],
  ])('%s → %s', (input, expected) => expect(unescapeHtmlOnce(input)).toBe(expected));
});

describe('repairMojibake', () => {
  it.each([
    ['cp1252 apostrophe', 'Youâ€™ll', 'You’ll'],
    ['Latin-1 apostrophe (C1 controls, as in the Remote OK file)', 'You\u00e2\u0080\u0099ll', 'You’ll'],
    ['e acute', 'CafÃ©', 'Café'],
    ['no-break space', 'AtÂ\u00a0HireHawk', 'At\u00a0HireHawk'],
    ['en dash', 'a \u00e2\u0080\u0093 b', 'a – b'],
    ['bullet', '\u00e2\u0080\u00a2 Python', '• Python'],
    ['emoji (4 bytes)', '\u00f0\u009f\u009a\u0080 Join', '🚀 Join'],
    ['Polish n acute', 'GdaÅ\u0084sk', 'Gdańsk'],
  ])('%s', (_name, input, expected) => expect(repairMojibake(input)).toBe(expected));

  it.each(['Café', 'naïve façade', 'Gdańsk', 'Düsseldorf – Köln', 'Price: 5€ · 10£', '¿Qué?', ''])('leaves correct text alone: %j', (text) => {
    expect(repairMojibake(text)).toBe(text);
  });
});

describe('normalizeWhitespace', () => {
  it('handles CRLF and blank-line runs', () => {
    expect(normalizeWhitespace('a\r\n\r\n\r\n  b  \r\nc')).toBe('a\n\nb\nc');
  });
});
