import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, compressResponse } from './compression.server.ts';

describe('chooseEncoding', () => {
  it.each([
    [null, undefined],
    ['', undefined],
    ['identity', undefined],
    ['gzip', 'gzip'],
    ['gzip, deflate, br, zstd', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', undefined],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['GZIP;Q=0.8', 'gzip'],
  ] as const)('%j → %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

const page = '<!DOCTYPE html><html><body>' + '<p>Balint work is confidential.</p>'.repeat(200) + '</body></html>';

function request(acceptEncoding?: string, method = 'GET') {
  return new Request('http://localhost/o/abs', { method, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });
}

describe('compressResponse', () => {
  it('sends a page in Brotli to a browser that accepts it, with Vary, and the text comes back whole', async () => {
    const response = await compressResponse(request('gzip, deflate, br'), new Response(page, { headers: { 'content-type': 'text/html' } }));
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.length).toBeLessThan(page.length / 10);
    expect(zlib.brotliDecompressSync(body).toString()).toBe(page);
  });

  it('gzips for a client that takes only gzip', async () => {
    const response = await compressResponse(request('gzip'), new Response(page, { headers: { 'content-type': 'text/html' } }));
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(zlib.gunzipSync(Buffer.from(await response.arrayBuffer())).toString()).toBe(page);
  });

  it('leaves the body as it is without Accept-Encoding, for images, for HEAD, and for tiny bodies — Vary still set on text', async () => {
    const plain = await compressResponse(request(), new Response(page, { headers: { 'content-type': 'text/html' } }));
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    expect(await plain.text()).toBe(page);
    const image = await compressResponse(request('br'), new Response(new Uint8Array(4096), { headers: { 'content-type': 'image/png' } }));
    expect(image.headers.get('content-encoding')).toBeNull();
    const head = await compressResponse(request('br', 'HEAD'), new Response(null, { headers: { 'content-type': 'text/html' } }));
    expect(head.headers.get('content-encoding')).toBeNull();
    const tiny = await compressResponse(request('br'), new Response('ok', { headers: { 'content-type': 'text/plain', 'content-length': '2' } }));
    expect(tiny.headers.get('content-encoding')).toBeNull();
  });

  it('compresses a static file once and serves the kept bytes with their length', async () => {
    const js = 'export const x = 1;\n'.repeat(500);
    const first = await compressResponse(request('br'), new Response(js, { headers: { 'content-type': 'text/javascript', 'content-length': String(js.length) } }), '/assets/test-once.js');
    const firstBytes = Buffer.from(await first.arrayBuffer());
    expect(first.headers.get('content-length')).toBe(String(firstBytes.length));
    // The second answer is the kept copy, even if the file's bytes were different.
    const second = await compressResponse(request('br'), new Response('changed'.repeat(100), { headers: { 'content-type': 'text/javascript' } }), '/assets/test-once.js');
    expect(zlib.brotliDecompressSync(Buffer.from(await second.arrayBuffer())).toString()).toBe(js);
  });
});
