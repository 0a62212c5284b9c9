CREATE TABLE `progress_routes` (
	`snapshot_id` integer NOT NULL,
	`route_code` text NOT NULL,
	`route_id` integer,
	`driver_id` integer,
	`transporter_ids` text NOT NULL,
	`driver_names` text NOT NULL,
	`progress` text DEFAULT '' NOT NULL,
	`service_type` text DEFAULT '' NOT NULL,
	`duration_min` integer,
	`stops_all` integer,
	`stops_done` integer,
	`stops_not_started` integer,
	`row` integer NOT NULL,
	PRIMARY KEY(`snapshot_id`, `route_code`),
	FOREIGN KEY (`snapshot_id`) REFERENCES `progress_snapshots`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`route_id`) REFERENCES `routes`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`driver_id`) REFERENCES `drivers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `progress_routes_route_idx` ON `progress_routes` (`route_id`);--> statement-breakpoint
CREATE TABLE `progress_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`date` text NOT NULL,
	`as_of` text NOT NULL,
	`file_name` text NOT NULL,
	`as_of_from` text NOT NULL,
	`routes` integer NOT NULL,
	`skipped_other_dsp` integer DEFAULT 0 NOT NULL,
	`imported_at` text NOT NULL,
	`imported_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `progress_snapshots_date_idx` ON `progress_snapshots` (`date`,`as_of`);--> statement-breakpoint
CREATE TABLE `rescues` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`date` text NOT NULL,
	`route_id` integer,
	`route_code` text NOT NULL,
	`from_driver_id` integer,
	`to_driver_id` integer NOT NULL,
	`stops` integer,
	`at` text NOT NULL,
	`source` text NOT NULL,
	`snapshot_id` integer,
	`note` text DEFAULT '' NOT NULL,
	`recorded_by` text NOT NULL,
	FOREIGN KEY (`route_id`) REFERENCES `routes`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`from_driver_id`) REFERENCES `drivers`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`to_driver_id`) REFERENCES `drivers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`snapshot_id`) REFERENCES `progress_snapshots`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rescues_day_route_to_uq` ON `rescues` (`date`,`route_code`,`to_driver_id`);--> statement-breakpoint
CREATE INDEX `rescues_date_idx` ON `rescues` (`date`);--> statement-breakpoint
CREATE TABLE `route_close` (
	`route_id` integer PRIMARY KEY NOT NULL,
	`rts_packages` integer,
	`dvir_done` integer DEFAULT false NOT NULL,
	`phone_returned` integer DEFAULT false NOT NULL,
	`keys_returned` integer DEFAULT false NOT NULL,
	`returned_from_snapshot` integer,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`route_id`) REFERENCES `routes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`returned_from_snapshot`) REFERENCES `progress_snapshots`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
ALTER TABLE `routes` ADD `duration_defaulted` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `coaching_plans` ADD `rescue_id` integer;