/** An override, a print-anyway or a call-out needs a reason of at least this many characters (one rule for the desk, the CLI and the console). */
export const MIN_REASON_CHARS = 3;

/** Whether `text` is a reason the desk accepts. */
export const isGivenReason = (text: string) => text.trim().length >= MIN_REASON_CHARS;
