// Reads an iCalendar document with a real parser (ical.js), resolving each TZID only through
// the document's own VTIMEZONEs. Call ICAL.TimezoneService.reset() between documents.
import ICAL from 'ical.js';

export function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  // Only the document's own VTIMEZONEs: a TZID the document does not define fails the test.
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      sequence: event.sequence,
      summary: event.summary,
      location: event.location,
      description: event.description,
      tzid: vevent.getFirstProperty('dtstart')?.getParameter('tzid'),
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      stamp: String(vevent.getFirstPropertyValue('dtstamp')),
    };
  });
  return {
    method: calendar.getFirstPropertyValue('method'),
    name: calendar.getFirstPropertyValue('x-wr-calname'),
    zones: calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')),
    events,
  };
}

