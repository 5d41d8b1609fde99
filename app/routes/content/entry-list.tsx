// Events and news as the public site lists them (the home page, /events, /news).
import { formatDate, formatDateRange, t } from '#lib/i18n.ts';

export interface PublicEntry {
  id: string;
  title: string;
  startsOn: string;
  endsOn: string | null;
  place: string;
  summary: string;
  /** Sanitized HTML of the body, when the list shows it. */
  html?: string;
}

export function entryWhen(entry: Pick<PublicEntry, 'startsOn' | 'endsOn'>): string {
  return entry.endsOn ? formatDateRange(entry.startsOn, entry.endsOn) : formatDate(entry.startsOn);
}

export function EntryList({ entries, headingLevel = 3, link }: { entries: PublicEntry[]; headingLevel?: 2 | 3 | 4; link?: string }) {
  const Heading = (['h2', 'h3', 'h4'] as const)[headingLevel - 2]!;
  return (
    <ul className="card-list">
      {entries.map((e) => (
        <li key={e.id} className="card" id={`entry-${e.id}`}>
          <Heading>{link ? <a href={`${link}#entry-${e.id}`}>{e.title}</a> : e.title}</Heading>
          <p>
            <time dateTime={e.startsOn}>{entryWhen(e)}</time>
            {e.place ? ` · ${e.place}` : null}
          </p>
          {e.summary ? <p>{e.summary}</p> : null}
          {e.html ? <div className="prose" dangerouslySetInnerHTML={{ __html: e.html }} /> : null}
        </li>
      ))}
    </ul>
  );
}

export const noEntries = (kind: 'event' | 'news') => t(kind === 'event' ? 'siteEntries.noEvents' : 'siteEntries.noNews');
