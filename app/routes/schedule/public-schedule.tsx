// The published schedule on the public course page: one table per day, in the course's zone.
import { DataTable } from '#app/components/data-table.tsx';
import { t } from '#lib/i18n.ts';
import { dayHeading, kindLabel } from './schedule-format.ts';

export interface PublicScheduleData {
  timeZone: string;
  days: { date: string; sessions: { id: string; time: string; kind: string; title: string; room: string; online: boolean }[] }[];
}

export function PublicSchedule({ schedule, feedUrl, agendaUrl }: { schedule: PublicScheduleData; feedUrl: string; agendaUrl: string }) {
  return (
    <section aria-labelledby="schedule">
      <h2 id="schedule">{t('schedule.heading')}</h2>
      <p className="muted">{t('schedule.timesIn', { zone: schedule.timeZone })}</p>
      {schedule.days.length === 0 ? <p>{t('schedule.empty')}</p> : null}
      {schedule.days.map((day) => (
        <section key={day.date} aria-labelledby={`schedule-${day.date}`}>
          <h3 id={`schedule-${day.date}`}>{dayHeading(day.date)}</h3>
          <DataTable caption={dayHeading(day.date)} captionHidden>
            <thead>
              <tr>
                <th scope="col">{t('schedule.time')}</th>
                <th scope="col">{t('schedule.session')}</th>
                <th scope="col">{t('schedule.kind')}</th>
                <th scope="col">{t('schedule.room')}</th>
              </tr>
            </thead>
            <tbody>
              {day.sessions.map((s) => (
                <tr key={s.id}>
                  <td className="time-range">{s.time}</td>
                  <th scope="row">{s.title}</th>
                  <td>{kindLabel(s.kind)}</td>
                  <td>{s.room || (s.online ? t('schedule.online') : '')}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </section>
      ))}
      <ul className="link-row">
        <li>
          <a href={feedUrl}>{t('schedule.download')}</a>
        </li>
        <li>
          <a href={agendaUrl}>{t('schedule.myAgenda')}</a>
        </li>
      </ul>
    </section>
  );
}
