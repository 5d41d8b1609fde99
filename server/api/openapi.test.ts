// The served description must be a valid OpenAPI 3.1 document, and cover every route.
import { validate } from '@readme/openapi-parser';
import { expect, test } from 'vitest';
import { openApiDocument } from './openapi.ts';

test('the document is valid OpenAPI 3.1 (checked by @readme/openapi-parser)', async () => {
  const document = openApiDocument('https://balint.example.org');
  const result = await validate(structuredClone(document) as never);
  expect(result.valid ? [] : result.errors).toEqual([]);
  expect(result.specification).toBe('OpenAPI');
  expect(document.openapi).toBe('3.1.0');
});

test('a broken document is rejected (the validator is really checking)', async () => {
  const document = structuredClone(openApiDocument('https://balint.example.org')) as unknown as Record<string, any>;
  document.paths['/api/v1/registrations/{id}'].get.responses['200'].content['application/json'].schema = { $ref: '#/components/schemas/Nope' };
  const result = await validate(document as never);
  expect(result.valid).toBe(false);
});

test('every route of the API is described', () => {
  const paths = Object.keys(openApiDocument('https://x').paths).sort();
  expect(paths).toEqual([
    '/api/v1/organizations/{org}/courses',
    '/api/v1/organizations/{org}/courses/{course}',
    '/api/v1/organizations/{org}/courses/{course}/applications',
    '/api/v1/organizations/{org}/courses/{course}/availability',
    '/api/v1/organizations/{org}/registrations/{id}/decision',
    '/api/v1/registrations/{id}',
  ]);
});
