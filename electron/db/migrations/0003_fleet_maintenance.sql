CREATE TABLE `defects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`van_id` integer NOT NULL,
	`severity` text NOT NULL,
	`description` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`source_inspection_id` integer,
	`item_code` text,
	`reported_at` text NOT NULL,
	`reported_by` text NOT NULL,
	`shop` text,
	`expected_date` text,
	`repair_started_at` text,
	`repaired_at` text,
	`repair_note` text,
	`cost` real,
	`invoice_ref` text,
	`released_at` text,
	`released_by` text,
	`release_note` text,
	FOREIGN KEY (`van_id`) REFERENCES `vans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_inspection_id`) REFERENCES `inspections`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `defects_status_idx` ON `defects` (`status`,`van_id`);--> statement-breakpoint
CREATE INDEX `defects_van_idx` ON `defects` (`van_id`,`reported_at`);--> statement-breakpoint
CREATE TABLE `inspection_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`inspection_id` integer NOT NULL,
	`item_code` text NOT NULL,
	`passed` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`photo_path` text,
	FOREIGN KEY (`inspection_id`) REFERENCES `inspections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `inspection_items_inspection_idx` ON `inspection_items` (`inspection_id`,`passed`);--> statement-breakpoint
CREATE TABLE `inspections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`van_id` integer NOT NULL,
	`kind` text NOT NULL,
	`at` text NOT NULL,
	`date` text NOT NULL,
	`inspector` text NOT NULL,
	`odometer_mi` real,
	`result` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`created_by` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`van_id`) REFERENCES `vans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `inspections_van_at_idx` ON `inspections` (`van_id`,`at`);--> statement-breakpoint
CREATE INDEX `inspections_date_idx` ON `inspections` (`date`);--> statement-breakpoint
CREATE TABLE `pm_schedules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`van_type` text NOT NULL,
	`code` text NOT NULL,
	`label` text NOT NULL,
	`every_mi` real,
	`every_days` integer,
	`safety` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pm_schedules_type_code_uq` ON `pm_schedules` (`van_type`,`code`);--> statement-breakpoint
CREATE TABLE `service_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`van_id` integer NOT NULL,
	`code` text NOT NULL,
	`date` text NOT NULL,
	`odometer_mi` real,
	`note` text DEFAULT '' NOT NULL,
	`cost` real,
	`created_by` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`van_id`) REFERENCES `vans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `service_records_van_code_idx` ON `service_records` (`van_id`,`code`,`date`);--> statement-breakpoint
CREATE TABLE `van_documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`van_id` integer NOT NULL,
	`kind` text NOT NULL,
	`reference` text DEFAULT '' NOT NULL,
	`expires_on` text,
	`note` text DEFAULT '' NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`van_id`) REFERENCES `vans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `van_documents_van_kind_uq` ON `van_documents` (`van_id`,`kind`);--> statement-breakpoint
CREATE TABLE `van_releases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`van_id` integer NOT NULL,
	`at` text NOT NULL,
	`released_by` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`van_id`) REFERENCES `vans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `van_releases_van_at_idx` ON `van_releases` (`van_id`,`at`);