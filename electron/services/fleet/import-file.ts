/** Loose match of headers and words: lower case, letters and digits only. */
export const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
