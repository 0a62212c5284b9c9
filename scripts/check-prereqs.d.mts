/** The folder with PostgreSQL's initdb and pg_ctl, or null when PostgreSQL is not installed. */
export function postgresBin(env?: NodeJS.ProcessEnv, at?: (p: string) => string): string | null;
