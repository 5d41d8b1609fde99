import { expect, test } from 'vitest';
import { z } from 'zod';
import { parseForm } from './forms.ts';

const schema = z.object({ name: z.string().trim().min(1).max(10), email: z.string().trim().min(1).pipe(z.email()) });

function form(values: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
}

test('field errors come back per field in words from the catalog, with what was typed', () => {
  const result = parseForm(schema, form({ name: '', email: 'nope' }));
  expect(result).toMatchObject({ ok: false, errors: { name: 'This field is required.', email: 'Enter a valid email address.' }, values: { name: '', email: 'nope' } });
});

test('a too-long value says how long it may be', () => {
  expect(parseForm(schema, form({ name: 'x'.repeat(11), email: 'a@b.co' }))).toMatchObject({ ok: false, errors: { name: 'Must be at most 10 characters.' } });
});

test('NUL and other control characters are dropped before validation; tabs and newlines stay', () => {
  const result = parseForm(z.object({ note: z.string() }), form({ note: 'a\u0000b\u0007c\td\ne' }));
  expect(result).toMatchObject({ ok: true, data: { note: 'abc\td\ne' } });
});
