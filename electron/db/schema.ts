// Every area's tables, joined for drizzle's typed queries. Add a line per new schema file.
export * from './schema/core';
export * from './schema/telematics';
export * from './schema/scorecards';
export * from './schema/fleet-maintenance';
export * from './schema/schedule';
export * from './schema/progress';
export * from './schema/sync';
