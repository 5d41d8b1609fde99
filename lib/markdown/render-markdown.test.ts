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
  ])('removes %s', (_name, source, forbidden) => {
    expect(renderMarkdown(source)).not.toMatch(forbidden);
  });

  test('text that looks like HTML inside code stays text', () => {
    expect(renderMarkdown('`<script>`')).toContain('<code>&lt;script&gt;</code>');
  });

  test('mailto and tel links are kept', () => {
    const html = renderMarkdown('[write](mailto:info@example.org) or [call](tel:+15095550100)');
    expect(html).toContain('href="mailto:info@example.org"');
    expect(html).toContain('href="tel:+15095550100"');
  });
});
