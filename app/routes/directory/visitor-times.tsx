// The next meetings in the visitor's own time zone. The zone is known only in the browser: the
// server renders nothing here and the first render in the browser matches it (no hydration
// mismatch); after hydration an effect reads the zone and the times appear.
import { useEffect, useState } from 'react';
import { t } from '#lib/i18n.ts';

interface Instant {
  startMs: number;
  endMs: number;
}

function format(meeting: Instant, timeZone: string): string {
  const day = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', timeZone }).format(meeting.startMs);
  const time = (ms: number, zone: boolean) => new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone, ...(zone ? { timeZoneName: 'short' } : {}) }).format(ms);
  return `${day}, ${time(meeting.startMs, false)} – ${time(meeting.endMs, true)}`;
}

export function VisitorTimes({ meetings, groupZone }: { meetings: readonly Instant[]; groupZone: string }) {
  const [zone, setZone] = useState<string | null>(null);
  useEffect(() => {
    setZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  }, []);
  if (!zone || meetings.length === 0) return null;
  return (
    <div className="visitor-times" data-visitor-zone={zone}>
      <h3>{t('directory.yourZone', { zone })}</h3>
      {zone === groupZone ? (
        <p>{t('directory.yourZoneSame')}</p>
      ) : (
        <ul>
          {meetings.map((m) => (
            <li key={m.startMs}>{format(m, zone)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
