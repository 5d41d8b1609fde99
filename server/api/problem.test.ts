import { expect, test } from 'vitest';
import { z } from 'zod';
import { DomainError } from '#domain/errors.ts';
import { admit } from './admission.server.ts';
import { bodyPath, domainProblem, zodFields } from './problem.server.ts';

test('BUSY is 503 with Retry-After; ALREADY_APPLIED 409; closed registration 409; rule problems 422', async () => {
  const busy = domainProblem('r1', new DomainError('BUSY', 'gave up'));
  expect(busy.status).toBe(503);
  expect(busy.headers.get('retry-after')).toBe('2');
  expect(busy.headers.get('content-type')).toBe('application/problem+json');
  expect(await busy.json()).toMatchObject({ code: 'BUSY', status: 503, requestId: 'r1', type: 'urn:balint-hub:problem:busy' });
  expect(domainProblem('r', new DomainError('ALREADY_APPLIED')).status).toBe(409);
  expect(domainProblem('r', new DomainError('REGISTRATION_CLOSED')).status).toBe(409);
  expect(domainProblem('r', new DomainError('DISCOUNT_CODE_USED_UP', undefined, { discountCode: 'DISCOUNT_CODE_USED_UP' })).status).toBe(422);
  // The detail of a domain error (ids, internals) is never sent.
  expect(JSON.stringify(await domainProblem('r', new DomainError('BUSY', 'secret-internal')).json())).not.toContain('secret-internal');
});

test('domain field names become JSON paths of the body', () => {
  expect(bodyPath('discipline')).toBe('answers.discipline');
  expect(bodyPath('a_covid_vaccination')).toBe('answers.attestations.covid_vaccination');
  expect(bodyPath('q_intensives_before')).toBe('answers.custom.intensives_before');
  expect(bodyPath('discountCode')).toBe('discountCode');
});

test('zod issues become one code per field', () => {
  const schema = z.strictObject({ a: z.string().max(2), b: z.email(), c: z.enum(['x']), d: z.number() });
  const result = schema.safeParse({ a: 'long', b: 'no', c: 'y', e: 1 });
  expect(result.success).toBe(false);
  expect(zodFields(result.error!)).toEqual({ a: 'TOO_LONG', b: 'INVALID_EMAIL', c: 'INVALID_CHOICE', d: 'REQUIRED', e: 'UNKNOWN_FIELD' });
});

test('admission lets a bounded number in at once, in arrival order, and frees slots on failure', async () => {
  let inside = 0;
  let most = 0;
  const order: number[] = [];
  const work = (i: number) => async () => {
    inside++;
    most = Math.max(most, inside);
    await new Promise((r) => setTimeout(r, 5));
    order.push(i);
    inside--;
    if (i === 3) throw new Error('boom');
    return i;
  };
  const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => admit('course-a', work(i), 2)));
  expect(most).toBe(2);
  expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  expect(await admit('course-a', async () => 'free again', 1)).toBe('free again');
});
