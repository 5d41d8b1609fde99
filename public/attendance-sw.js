// The attendance pages' service worker (registered with the scope /o/<org>/attendance by the
// session page). It keeps the page, its roster and its scripts so that the page still opens when
// the venue's network fails. Pages and their data: the network first, the kept copy when there
// is no network. Fingerprinted assets: the kept copy first (they never change). Only GET
// requests are touched: marks are sent by the page itself and queued in IndexedDB (ADR 0056).
const CACHE = 'balint-attendance-v1';

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('balint-attendance-') && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

// The page asks, once it is controlled or registered, to keep itself and the assets it loaded
// before the worker was there.
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'keep' || !Array.isArray(data.urls)) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      for (const url of data.urls) {
        if (typeof url !== 'string' || new URL(url).origin !== self.location.origin) continue;
        try {
          const response = await fetch(url, { credentials: 'same-origin' });
          if (response.ok && response.type === 'basic') await cache.put(url, response);
        } catch {
          // Offline already: what is kept stays.
        }
      }
    })(),
  );
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(request);
    if (kept) return kept;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
    return;
  }
  const scope = new URL(self.registration.scope).pathname;
  if (url.pathname.startsWith(scope)) event.respondWith(networkFirst(request));
});
