/** HH:MM at the station (the kiosk shows the time the desk recorded, in the station's zone). */
export function formatStationTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}
