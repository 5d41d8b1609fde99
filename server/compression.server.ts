// Text responses compressed for browsers that accept it (ADR 0061): Brotli, else gzip, as the
// request's Accept-Encoding allows. Pages stream, so each chunk React writes is flushed through
// the compressor at once (the shell reaches the browser before slow data does). A static file
// is compressed once at the best ratio and kept in memory: the build's files never change
// while the process runs, and /assets/ are fingerprinted.
import { pipeline, Readable } from 'node:stream';
import zlib from 'node:zlib';

export type Encoding = 'br' | 'gzip';

const COMPRESSIBLE = /^(?:text\/|application\/(?:json|javascript|xml|problem\+json|manifest\+json|ld\+json)|image\/svg\+xml)/i;
/** Below this a compressed body is hardly smaller and costs a round of work. */
const MIN_BYTES = 512;

/** The encoding to use for a request: Brotli when accepted, else gzip, else none. q=0 refuses. */
export function chooseEncoding(acceptEncoding: string | null): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const weight = (name: Encoding) => accepted.get(name) ?? (accepted.has('*') ? accepted.get('*')! : 0);
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return undefined;
}

// A page is tens of kilobytes: a 256 KB window (LGWIN 18) compresses it as well as brotli's
// default 4 MB one, and each response's encoder no longer allocates megabytes that the C
// allocator keeps after they are freed (the soak figure's resident memory, ADR 0072).
function streaming(encoding: Encoding): zlib.BrotliCompress | zlib.Gzip {
  return encoding === 'br'
    ? zlib.createBrotliCompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH, params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_LGWIN]: 18 } })
    : zlib.createGzip({ flush: zlib.constants.Z_SYNC_FLUSH });
}

const staticCache = new Map<string, Buffer>();

async function compressWhole(key: string, body: ReadableStream<Uint8Array>, encoding: Encoding): Promise<Buffer> {
  const cacheKey = `${encoding} ${key}`;
  const cached = staticCache.get(cacheKey);
  if (cached) {
    await body.cancel();
    return cached;
  }
  const raw = Buffer.from(await new Response(body).arrayBuffer());
  const compressed =
    encoding === 'br'
      ? zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
      : zlib.gzipSync(raw, { level: 9 });
  staticCache.set(cacheKey, compressed);
  return compressed;
}

/**
 * The response, compressed if the request accepts it and the body is text worth compressing.
 * `staticKey` names a file of the build (its path), whose compressed bytes are kept.
 */
export async function compressResponse(request: Request, response: Response, staticKey?: string): Promise<Response> {
  const type = response.headers.get('content-type') ?? '';
  if (!COMPRESSIBLE.test(type) || response.headers.has('content-encoding')) return response;
  // Whatever this answer is, a cache must keep one copy per encoding.
  response.headers.append('vary', 'Accept-Encoding');
  if (!response.body || request.method === 'HEAD' || response.status === 204 || response.status === 304) return response;
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  if (length < MIN_BYTES) return response;
  const encoding = chooseEncoding(request.headers.get('accept-encoding'));
  if (!encoding) return response;

  const headers = new Headers(response.headers);
  headers.set('content-encoding', encoding);
  if (staticKey) {
    const compressed = await compressWhole(staticKey, response.body, encoding);
    headers.set('content-length', String(compressed.length));
    return new Response(new Uint8Array(compressed), { status: response.status, statusText: response.statusText, headers });
  }
  headers.delete('content-length');
  // pipeline: an error or a browser going away on either side ends both.
  const compressed = pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), streaming(encoding), () => undefined);
  return new Response(Readable.toWeb(compressed) as ReadableStream, { status: response.status, statusText: response.statusText, headers });
}
