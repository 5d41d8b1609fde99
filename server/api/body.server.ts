// Reading a JSON body: the right media type, a bounded size, valid JSON, then the schema.
// Every failure is a 4xx problem, never a 500.
import type { z } from 'zod';
import { problem, zodFields } from './problem.server.ts';

const MAX_BODY_BYTES = 64 * 1024;

export async function readJson<S extends z.ZodType>(request: Request, requestId: string, schema: S): Promise<{ ok: true; data: z.infer<S> } | { ok: false; response: Response }> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  // Requiring application/json also keeps browsers from posting here cross-site without a
  // CORS preflight, which this API never grants.
  if (type !== 'application/json' && !type.endsWith('+json')) {
    return { ok: false, response: problem(requestId, 415, 'UNSUPPORTED_MEDIA_TYPE', { headers: { accept: 'application/json' } }) };
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return { ok: false, response: problem(requestId, 413, 'INVALID_REQUEST', { detail: `The body is larger than ${MAX_BODY_BYTES} bytes.` }) };
  let raw: string;
  try {
    raw = await request.text();
  } catch {
    return { ok: false, response: problem(requestId, 400, 'MALFORMED_JSON') };
  }
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) return { ok: false, response: problem(requestId, 413, 'INVALID_REQUEST', { detail: `The body is larger than ${MAX_BODY_BYTES} bytes.` }) };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { ok: false, response: problem(requestId, 400, 'MALFORMED_JSON', { detail: (error as Error).message }) };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, response: problem(requestId, 400, 'INVALID_REQUEST', { fields: zodFields(parsed.error) }) };
  return { ok: true, data: parsed.data };
}
