// Reading a JSON body: the right media type, a bounded size (enforced while it streams in),
// valid JSON without NUL characters, then the schema. Every failure is a 4xx problem, never a 500.
import type { z } from 'zod';
import { BodyTooLargeError, declaredLength, readLimited } from '../body-limit.server.ts';
import { problem, zodFields } from './problem.server.ts';

const MAX_BODY_BYTES = 64 * 1024;

/** Paths (as in problem `errors`) of strings or keys holding a NUL, which PostgreSQL cannot store. */
export function nulPaths(value: unknown, path: string[] = [], found: string[] = []): string[] {
  if (found.length >= 20) return found;
  if (typeof value === 'string') {
    if (value.includes('\0')) found.push(path.join('.') || '(body)');
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => nulPaths(item, [...path, String(i)], found));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\0')) found.push([...path, key.replaceAll('\0', '\\u0000')].join('.'));
      else nulPaths(item, [...path, key], found);
    }
  }
  return found;
}

export async function readJson<S extends z.ZodType>(request: Request, requestId: string, schema: S): Promise<{ ok: true; data: z.infer<S> } | { ok: false; response: Response }> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  // Requiring application/json also keeps browsers from posting here cross-site without a
  // CORS preflight, which this API never grants.
  if (type !== 'application/json' && !type.endsWith('+json')) {
    return { ok: false, response: problem(requestId, 415, 'UNSUPPORTED_MEDIA_TYPE', { headers: { accept: 'application/json' } }) };
  }
  const tooLarge = () => ({ ok: false as const, response: problem(requestId, 413, 'INVALID_REQUEST', { detail: `The body is larger than ${MAX_BODY_BYTES} bytes.` }) });
  const declared = declaredLength(request.headers);
  if (declared !== undefined && declared > MAX_BODY_BYTES) return tooLarge();
  let raw: string;
  try {
    raw = new TextDecoder().decode(await readLimited(request.body, MAX_BODY_BYTES));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return tooLarge();
    return { ok: false, response: problem(requestId, 400, 'MALFORMED_JSON') };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { ok: false, response: problem(requestId, 400, 'MALFORMED_JSON', { detail: (error as Error).message }) };
  }
  const nul = nulPaths(json);
  if (nul.length > 0) {
    return {
      ok: false,
      response: problem(requestId, 400, 'INVALID_REQUEST', { detail: 'Text may not contain the NUL character (\\u0000).', fields: Object.fromEntries(nul.map((p) => [p, 'INVALID_VALUE'])) }),
    };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, response: problem(requestId, 400, 'INVALID_REQUEST', { fields: zodFields(parsed.error) }) };
  return { ok: true, data: parsed.data };
}
