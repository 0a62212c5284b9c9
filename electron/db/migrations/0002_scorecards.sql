CREATE TABLE `coaching_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`driver_id` integer NOT NULL,
	`week` text,
	`metric` text,
	`incident_id` integer,
	`finding` text NOT NULL,
	`target` text DEFAULT '' NOT NULL,
	`actions` text DEFAULT '[]' NOT NULL,
	`owner` text DEFAULT '' NOT NULL,
	`due_date` text,
	`status` text DEFAULT 'suggested' NOT NULL,
	`acknowledged_at` text,
	`acknowledgement` text DEFAULT '' NOT NULL,
	`follow_up_result` text DEFAULT '' NOT NULL,
	`closed_at` text,
	`escalated_at` text,
	`escalation_reason` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`driver_id`) REFERENCES `drivers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `coaching_plans_driver_idx` ON `coaching_plans` (`driver_id`);--> statement-breakpoint
CREATE INDEX `coaching_plans_status_idx` ON `coaching_plans` (`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `coaching_plans_incident_idx` ON `coaching_plans` (`incident_id`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type` text NOT NULL,
	`date` text NOT NULL,
	`driver_id` integer,
	`van_id` integer,
	`route_id` integer,
	`severity` text DEFAULT 'low' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`plan_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`driver_id`) REFERENCES `drivers`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`van_id`) REFERENCES `vans`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`route_id`) REFERENCES `routes`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `incidents_date_idx` ON `incidents` (`date`);--> statement-breakpoint
CREATE INDEX `incidents_driver_idx` ON `incidents` (`driver_id`,`date`);--> statement-breakpoint
CREATE TABLE `safety_topic_history` (
	`date` text PRIMARY KEY NOT NULL,
	`topic_id` integer NOT NULL,
	FOREIGN KEY (`topic_id`) REFERENCES `safety_topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `safety_topics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`archived_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `scorecard_rows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`week` text NOT NULL,
	`driver_id` integer,
	`row` integer NOT NULL,
	`transporter_id` text DEFAULT '' NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`file_tier` text,
	`tier` text,
	`key_focus_area` text DEFAULT '' NOT NULL,
	`delivered` integer,
	`fico` real,
	`seatbelt` real,
	`speeding` real,
	`distractions` real,
	`following_distance` real,
	`sign_signal` real,
	`cdf_dpmo` real,
	`ced` real,
	`dcr` real,
	`dsb` real,
	`pod` real,
	`psb` real,
	`dsb_dnr` real,
	`pod_opps` integer,
	`cc` real,
	FOREIGN KEY (`week`) REFERENCES `scorecard_weeks`(`week`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`driver_id`) REFERENCES `drivers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `scorecard_rows_week_idx` ON `scorecard_rows` (`week`);--> statement-breakpoint
CREATE INDEX `scorecard_rows_driver_idx` ON `scorecard_rows` (`driver_id`,`week`);--> statement-breakpoint
CREATE TABLE `scorecard_weeks` (
	`week` text PRIMARY KEY NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`company_score` real,
	`company_tier` text,
	`thresholds` text,
	`file_name` text,
	`imported_at` text,
	`imported_by` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `training_courses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`validity_days` integer,
	`mandatory` integer DEFAULT false NOT NULL,
	`archived_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_courses_name_uq` ON `training_courses` (`name`);--> statement-breakpoint
CREATE TABLE `training_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`driver_id` integer NOT NULL,
	`course_id` integer NOT NULL,
	`completed_on` text NOT NULL,
	`expires_on` text,
	`notes` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`driver_id`) REFERENCES `drivers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`course_id`) REFERENCES `training_courses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `training_records_driver_idx` ON `training_records` (`driver_id`,`course_id`);--> statement-breakpoint
CREATE INDEX `training_records_expiry_idx` ON `training_records` (`expires_on`);