/**
 * Named points where the fault suite (tests/faults/) kills the process with SIGKILL, to prove a
 * crash there loses nothing: `DESK_CRASH_AT=<name>` makes the process kill itself on reaching it.
 * Unset (always, outside those tests) it costs one environment lookup.
 */
export function crashPoint(name: string): void {
  if (process.env.DESK_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}
