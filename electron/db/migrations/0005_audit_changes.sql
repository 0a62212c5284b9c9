CREATE TABLE `audit_changes` (
	`audit_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text,
	`reason` text,
	PRIMARY KEY(`audit_id`, `seq`),
	FOREIGN KEY (`audit_id`) REFERENCES `audit_log`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `audit_changes_entity_idx` ON `audit_changes` (`entity`,`entity_id`);