CREATE TABLE `schedule_days` (
	`driver_id` integer NOT NULL,
	`date` text NOT NULL,
	`state` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`driver_id`, `date`),
	FOREIGN KEY (`driver_id`) REFERENCES `drivers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `schedule_days_date_idx` ON `schedule_days` (`date`);--> statement-breakpoint
CREATE TABLE `schedule_targets` (
	`driver_id` integer PRIMARY KEY NOT NULL,
	`preferred_days` text DEFAULT '[]' NOT NULL,
	`days_per_week` integer NOT NULL,
	`hours_per_week` real NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`driver_id`) REFERENCES `drivers`(`id`) ON UPDATE no action ON DELETE cascade
);
