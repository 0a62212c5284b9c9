CREATE TABLE `positions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`device_id` integer NOT NULL,
	`at` text NOT NULL,
	`received_at` text NOT NULL,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	`speed_kph` real,
	`course` real,
	`altitude` real,
	`accuracy` real,
	`battery` real,
	`valid` integer DEFAULT true NOT NULL,
	`attributes` text,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `positions_device_at_idx` ON `positions` (`device_id`,`at`);--> statement-breakpoint
CREATE TABLE `positions_latest` (
	`device_id` integer PRIMARY KEY NOT NULL,
	`position_id` integer NOT NULL,
	`at` text NOT NULL,
	`received_at` text NOT NULL,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	`speed_kph` real,
	`course` real,
	`accuracy` real,
	`battery` real,
	`moved_at` text NOT NULL,
	`in_station` integer DEFAULT false NOT NULL,
	`max_speed_kph` real,
	`max_speed_at` text,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `unknown_devices` (
	`identifier` text PRIMARY KEY NOT NULL,
	`first_seen_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`count` integer DEFAULT 1 NOT NULL,
	`last_lat` real,
	`last_lon` real,
	`remote_address` text DEFAULT '' NOT NULL
);
