// The directory's map: OpenStreetMap tiles through Leaflet, one marker per group that meets in
// person. Leaflet and its stylesheet are loaded only on this page, after hydration; the list
// of groups is the accessible equivalent (the map says so). When tiles cannot load the map
// stays blank behind its markers; when Leaflet itself fails, a note says the list has them all.
import { useEffect, useRef, useState } from 'react';
import { t } from '#lib/i18n.ts';

export interface MapPoint {
  id: string;
  title: string;
  href: string;
  latitude: number;
  longitude: number;
}

export const TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

export function DirectoryMap({ points }: { points: readonly MapPoint[] }) {
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const key = points.map((p) => p.id).join(',');
  useEffect(() => {
    let map: { remove(): void } | undefined;
    let cancelled = false;
    const element = container.current;
    if (!element || points.length === 0) return;
    Promise.all([import('leaflet'), import('leaflet/dist/leaflet.css')])
      .then(([module]) => {
        if (cancelled) return;
        const L = module.default ?? module;
        // keyboard off: the map takes no tab stop; its markers' groups are all in the list.
        const m = L.map(element, { keyboard: false, scrollWheelZoom: false, attributionControl: true });
        L.tileLayer(TILE_URL, { maxZoom: 18, attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors' }).addTo(m);
        const bounds = L.latLngBounds([]);
        for (const p of points) {
          const marker = L.circleMarker([p.latitude, p.longitude], { radius: 9, weight: 2, color: '#1d4f7a', fillColor: '#3a7bb8', fillOpacity: 0.85, className: 'directory-marker' }).addTo(m);
          const link = document.createElement('a');
          link.href = p.href;
          link.textContent = p.title;
          marker.bindPopup(link);
          bounds.extend([p.latitude, p.longitude]);
        }
        m.fitBounds(bounds.pad(0.3), { maxZoom: 10 });
        map = m;
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      map?.remove();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (points.length === 0) return null;
  return (
    <figure className="directory-map-figure">
      <div ref={container} className="directory-map" data-markers={points.length} role="region" aria-label={t('directory.mapLabel')} />
      <figcaption className="muted">{failed ? t('directory.mapUnavailable') : t('directory.mapNote')}</figcaption>
    </figure>
  );
}
