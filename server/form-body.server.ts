// Every page action reads its body as a form (React Router: `request.formData()`), which throws
// on a body that is not one — another content type, a multipart body without its boundary or
// cut short — and a throw in an action is a 500. The host checks the body before React Router
// sees it: such a POST is the sender's mistake and gets a 400. The one page route that takes
// JSON (the offline attendance sync) is left to check its own body.
const JSON_PAGE_ROUTES = [/^\/o\/[^/]+\/attendance\/sync(\.data)?$/];

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

export type FormBodyVerdict = { ok: true; contentType: string } | { ok: false; detail: string };

/**
 * Whether a page POST's body can be read as a form. A body-less request without a content type
 * is an empty form (the returned content type is set on the request passed on).
 */
export async function checkFormBody(pathname: string, method: string, contentType: string | null, body: Uint8Array | null): Promise<FormBodyVerdict> {
  const type = (contentType ?? '').trim();
  if (method === 'GET' || method === 'HEAD' || JSON_PAGE_ROUTES.some((r) => r.test(pathname))) return { ok: true, contentType: type };
  if (type === '' && (!body || body.byteLength === 0)) return { ok: true, contentType: 'application/x-www-form-urlencoded' };
  const base = type.split(';')[0]!.trim().toLowerCase();
  if (!FORM_TYPES.includes(base)) return { ok: false, detail: 'This address takes a form (application/x-www-form-urlencoded or multipart/form-data).' };
  try {
    await new Response(body as BodyInit | null, { headers: { 'content-type': type } }).formData();
    return { ok: true, contentType: type };
  } catch {
    return { ok: false, detail: 'The body could not be read as a form.' };
  }
}
