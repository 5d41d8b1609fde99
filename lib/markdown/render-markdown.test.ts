import { describe, expect, test } from 'vitest';
import { renderMarkdown } from './render-markdown.ts';

describe('Markdown pages are sanitized', () => {
  test('ordinary Markdown renders: headings from level 2, lists, links, emphasis, tables', () => {
    const html = renderMarkdown('# Who we are\n\nA **circle** of [clinicians](https://example.org).\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n');
    expect(html).toContain('<h2>Who we are</h2>');
    expect(html).toContain('<strong>circle</strong>');
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer">clinicians</a>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<td>2</td>');
  });

  test.each([
    ['a script element', '<script>alert(1)</script>Hello', /<script/i],
    ['a script in Markdown HTML block', 'Hi\n\n<div><script>document.cookie</script></div>', /script|cookie/i],
    ['an event handler', '<img src="https://example.org/a.png" onerror="alert(1)">', /onerror/i],
    ['an onclick on a link', '<a href="https://example.org" onclick="steal()">x</a>', /onclick|steal/i],
    ['a javascript: link in Markdown', '[click](javascript:alert(1))', /javascript:/i],
    ['a javascript: link in HTML', '<a href="JaVaScRiPt:alert(1)">x</a>', /javascript/i],
    ['an entity-encoded javascript: link', '<a href="&#106;avascript:alert(1)">x</a>', /avascript/i],
    ['a data: image', '![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)', /data:/i],
    ['inline SVG with a script', '<svg><script>alert(1)</script><circle r="5"/></svg>', /svg|script|circle/i],
    ['SVG with an onload', '<svg onload="alert(1)"></svg>', /svg|onload/i],
    ['an iframe', '<iframe src="https://evil.example"></iframe>', /iframe/i],
    ['a style attribute', '<p style="background:url(javascript:alert(1))">x</p>', /style|javascript/i],
    ['a form', '<form action="https://evil.example"><input name="password"></form>', /form|input/i],
    ['a protocol-relative link', '<a href="//evil.example/x">x</a>', /evil\.example/i],
    // Issue 14: what an editor could paste into a page.
    ['a script with attributes and a source', '<script src="https://evil.example/x.js" defer></script>', /script|evil/i],
    ['an uppercase script split across lines', '<SCRIPT\n>alert(1)</SCRIPT\n>', /script|alert/i],
    ['an onerror on an uploaded-looking image', '<img src="/o/nwbc/media/x.png" alt="x" onerror="alert(1)">', /onerror|alert/i],
    ['an onmouseover without quotes', '<p onmouseover=alert(1)>hover</p>', /onmouseover|alert/i],
    ['an onfocus with autofocus', '<a href="https://example.org" autofocus onfocus="alert(1)">x</a>', /onfocus|autofocus|alert/i],
    ['a javascript: link with a tab inside', '<a href="java\tscript:alert(1)">x</a>', /script:|alert/i],
    ['a javascript: link with leading spaces', '<a href="   javascript:alert(1)">x</a>', /javascript|alert/i],
    ['a javascript: link with an encoded colon', '<a href="javascript&colon;alert(1)">x</a>', /javascript|alert/i],
    ['a javascript: image in Markdown', '![x](javascript:alert(1))', /javascript|alert/i],
    ['a javascript: reference link', '[x][1]\n\n[1]: javascript:alert(1)', /javascript|alert/i],
    ['a vbscript: link', '<a href="vbscript:msgbox(1)">x</a>', /vbscript|msgbox/i],
    ['a data: HTML link in Markdown', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)', /data:/i],
    ['a data: HTML link in HTML', '<a href="data:text/html,<script>alert(1)</script>">x</a>', /data:|script|alert/i],
    ['a data: PNG image in HTML', '<img src="data:image/png;base64,iVBORw0KGgo=" alt="x">', /data:/i],
    ['SVG with a foreignObject', '<svg><foreignObject><iframe src="https://evil.example"></iframe></foreignObject></svg>', /svg|foreign|iframe|evil/i],
    ['SVG with an animate that sets href', '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>', /svg|animate|javascript/i],
    ['SVG with a use pointing elsewhere', '<svg><use href="https://evil.example/x.svg#a"/></svg>', /svg|use|evil/i],
    ['MathML with a link', '<math><maction actiontype="toggle" href="javascript:alert(1)">x</maction></math>', /math|javascript/i],
    ['an object', '<object data="https://evil.example/x.swf"></object>', /object|evil/i],
    ['an embed', '<embed src="https://evil.example/x.swf">', /embed|evil/i],
    ['a base element', '<base href="https://evil.example/">', /base|evil/i],
    ['a meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example">', /meta|refresh|evil/i],
    ['a link element', '<link rel="stylesheet" href="https://evil.example/x.css">', /<link|evil/i],
    ['a style element', '<style>body{background:url(https://evil.example)}</style>', /style|evil/i],
    ['a template hiding a script', '<template><script>alert(1)</script></template>', /template|script|alert/i],
    ['a srcset on an image', '<img src="/a.png" srcset="https://evil.example/x.png 2x" alt="a">', /srcset|evil/i],
    ['a formaction on a button', '<button formaction="javascript:alert(1)">x</button>', /button|formaction|javascript/i],
    ['an id that could clobber the page', '<a id="__reactRouterContext" href="/x">x</a>', /id=|__reactRouterContext/i],
  ])('removes %s', (_name, source, forbidden) => {
    expect(renderMarkdown(source)).not.toMatch(forbidden);
  });

  test('text that looks like HTML inside code stays text', () => {
    expect(renderMarkdown('`<script>`')).toContain('<code>&lt;script&gt;</code>');
  });

  test('an uploaded image keeps its own address and its alt text', () => {
    expect(renderMarkdown('![The circle at work](/o/nwbc/media/1b4e28ba-2fa1-11d2-883f-0016d3cca427.webp)')).toContain(
      '<img src="/o/nwbc/media/1b4e28ba-2fa1-11d2-883f-0016d3cca427.webp" alt="The circle at work" />',
    );
  });

  test('inside a section with its own heading, the text’s headings start at level 3', () => {
    const html = renderMarkdown('# One\n\n## Two\n\n### Three\n\n###### Six', { topHeading: 3 });
    expect(html).toContain('<h3>One</h3>');
    expect(html).toContain('<h3>Two</h3>');
    expect(html).toContain('<h4>Three</h4>');
    expect(html).toContain('<h6>Six</h6>');
    expect(renderMarkdown('## Two')).toContain('<h2>Two</h2>');
  });

  test('mailto and tel links are kept', () => {
    const html = renderMarkdown('[write](mailto:info@example.org) or [call](tel:+15095550100)');
    expect(html).toContain('href="mailto:info@example.org"');
    expect(html).toContain('href="tel:+15095550100"');
  });
});
