CREATE TABLE `alarms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`device_id` integer NOT NULL,
	`van_id` integer,
	`kind` text NOT NULL,
	`urgent` integer DEFAULT false NOT NULL,
	`first_at` text NOT NULL,
	`last_at` text NOT NULL,
	`count` integer DEFAULT 1 NOT NULL,
	`lat` real,
	`lon` real,
	`position_id` integer,
	`acknowledged_at` text,
	`acknowledged_by` text,
	`open` integer DEFAULT 1,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`van_id`) REFERENCES `vans`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alarms_open_uq` ON `alarms` (`device_id`,`kind`,`open`);--> statement-breakpoint
CREATE INDEX `alarms_first_at_idx` ON `alarms` (`first_at`);--> statement-breakpoint
ALTER TABLE `devices` ADD `battery` real;--> statement-breakpoint
ALTER TABLE `devices` ADD `odometer_source` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `positions` ADD `time_flag` text;