import { formatDate, t } from '#lib/i18n.ts';

/** Live availability of a course, in words: early places, places, full, closed. */
export function Availability({
  window,
  availability,
  full,
  opensOn,
}: {
  window: string;
  availability: { placesLeft: number; earlyPlacesLeft: number | null; earlyRateOpen: boolean };
  full: boolean;
  opensOn: string | null;
}) {
  let lines: string[];
  if (window === 'closed') lines = [t('registrationForm.availability.closed')];
  else if (window === 'not_open') lines = [t('registrationForm.availability.notOpen', { date: opensOn ? formatDate(opensOn) : '' })];
  else if (full) lines = [t('registrationForm.availability.full')];
  else {
    lines = [];
    if (availability.earlyRateOpen && availability.earlyPlacesLeft !== null) lines.push(t('registrationForm.availability.early', { count: availability.earlyPlacesLeft }));
    lines.push(t('registrationForm.availability.places', { count: availability.placesLeft }));
  }
  return (
    <p className="availability" role="status">
      {lines.map((l) => (
        <span key={l}>{l}</span>
      ))}
    </p>
  );
}
