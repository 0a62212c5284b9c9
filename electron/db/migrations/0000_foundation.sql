CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`last_used_at` text,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_uq` ON `api_tokens` (`hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_name_idx` ON `api_tokens` (`name`);--> statement-breakpoint
CREATE TABLE `assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`route_id` integer NOT NULL,
	`date` text NOT NULL,
	`driver_id` integer NOT NULL,
	`van_id` integer,
	`device_id` integer,
	`pinned` integer DEFAULT false NOT NULL,
	`assigned_by` text NOT NULL,
	`assigned_at` text NOT NULL,
	`override_reason` text,
	FOREIGN KEY (`route_id`) REFERENCES `routes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`driver_id`) REFERENCES `drivers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`van_id`) REFERENCES `vans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_route_uq` ON `assignments` (`route_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_driver_day_uq` ON `assignments` (`date`,`driver_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_van_day_uq` ON `assignments` (`date`,`van_id`);--> statement-breakpoint
CREATE INDEX `assignments_driver_idx` ON `assignments` (`driver_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`actor_role` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text,
	`reason` text
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `devices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`identifier` text NOT NULL,
	`kind` text DEFAULT 'phone' NOT NULL,
	`label` text DEFAULT '' NOT NULL,
	`phone_number` text DEFAULT '' NOT NULL,
	`van_id` integer,
	`last_seen_at` text,
	`archived_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`van_id`) REFERENCES `vans`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `devices_identifier_uq` ON `devices` (`identifier`);--> statement-breakpoint
CREATE INDEX `devices_van_idx` ON `devices` (`van_id`);--> statement-breakpoint
CREATE TABLE `driver_days` (
	`driver_id` integer NOT NULL,
	`date` text NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`checked_in_at` text,
	`note` text DEFAULT '' NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`driver_id`, `date`),
	FOREIGN KEY (`driver_id`) REFERENCES `drivers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `driver_days_date_idx` ON `driver_days` (`date`);--> statement-breakpoint
CREATE TABLE `drivers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`transporter_id` text NOT NULL,
	`name` text NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`work_phone` text DEFAULT '' NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`licence_number` text DEFAULT '' NOT NULL,
	`licence_expiry` text,
	`dot_medical_expiry` text,
	`hire_date` text,
	`status` text DEFAULT 'active' NOT NULL,
	`position` text DEFAULT 'Delivery Associate' NOT NULL,
	`qualifications` text DEFAULT '[]' NOT NULL,
	`usual_van_id` integer,
	`notes` text DEFAULT '' NOT NULL,
	`archived_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`usual_van_id`) REFERENCES `vans`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `drivers_transporter_id_uq` ON `drivers` (`transporter_id`);--> statement-breakpoint
CREATE INDEX `drivers_name_idx` ON `drivers` (`name`);--> statement-breakpoint
CREATE TABLE `routes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`date` text NOT NULL,
	`code` text NOT NULL,
	`wave` text NOT NULL,
	`staging` text DEFAULT '' NOT NULL,
	`service_type` text NOT NULL,
	`planned_duration_min` integer NOT NULL,
	`stops` integer,
	`packages` integer,
	`planned_distance_mi` real,
	`van_type` text,
	`notes` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`launched_at` text,
	`returned_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `routes_date_code_uq` ON `routes` (`date`,`code`);--> statement-breakpoint
CREATE INDEX `routes_date_idx` ON `routes` (`date`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `station` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`code` text NOT NULL,
	`dsp_code` text DEFAULT '' NOT NULL,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	`time_zone` text NOT NULL,
	`geofence_m` integer DEFAULT 300 NOT NULL,
	`address` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `vans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`vin` text NOT NULL,
	`plate` text DEFAULT '' NOT NULL,
	`plate_state` text DEFAULT '' NOT NULL,
	`make` text DEFAULT '' NOT NULL,
	`model` text DEFAULT '' NOT NULL,
	`year` integer,
	`type` text NOT NULL,
	`ownership` text DEFAULT 'owned' NOT NULL,
	`ownership_end_date` text,
	`odometer_mi` real DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'in_service' NOT NULL,
	`status_reason` text DEFAULT '' NOT NULL,
	`usable_range_mi` real,
	`state_of_charge_pct` real,
	`charging_bay` text DEFAULT '' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`archived_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vans_vin_uq` ON `vans` (`vin`);--> statement-breakpoint
CREATE INDEX `vans_name_idx` ON `vans` (`name`);