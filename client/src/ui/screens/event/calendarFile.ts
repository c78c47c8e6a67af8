import { type CommunityEvent, eventToICalendar } from '@ensemble/shared';
import { icsFileName } from './eventView';

/** "Ajouter à mon agenda": saves the event as an .ics file (made on the device, no network). */
export function downloadEventCalendar(event: CommunityEvent): void {
  const text = eventToICalendar(event, { now: new Date(), origin: window.location.host });
  const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = icsFileName(event.title);
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has started reading the file; free it once that is surely done.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
