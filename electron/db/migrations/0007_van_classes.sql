PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_inspections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`van_id` integer NOT NULL,
	`kind` text NOT NULL,
	`at` text NOT NULL,
	`date` text NOT NULL,
	`inspector` text NOT NULL,
	`driver_id` integer,
	`odometer_mi` real,
	`result` text,
	`ended_at` text,
	`duration_sec` integer,
	`faults` integer,
	`source` text DEFAULT 'desk' NOT NULL,
	`source_key` text,
	`notes` text DEFAULT '' NOT NULL,
	`created_by` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`van_id`) REFERENCES `vans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`driver_id`) REFERENCES `drivers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
-- Hand-edited: copy only the columns the old table has (the new ones start empty; source = desk).
INSERT INTO `__new_inspections`("id", "van_id", "kind", "at", "date", "inspector", "odometer_mi", "result", "notes", "created_by", "created_at") SELECT "id", "van_id", "kind", "at", "date", "inspector", "odometer_mi", "result", "notes", "created_by", "created_at" FROM `inspections`;--> statement-breakpoint
DROP TABLE `inspections`;--> statement-breakpoint
ALTER TABLE `__new_inspections` RENAME TO `inspections`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `inspections_van_at_idx` ON `inspections` (`van_id`,`at`);--> statement-breakpoint
CREATE INDEX `inspections_date_idx` ON `inspections` (`date`);--> statement-breakpoint
CREATE UNIQUE INDEX `inspections_source_key_uq` ON `inspections` (`source_key`);--> statement-breakpoint
ALTER TABLE `routes` ADD `zones` integer;--> statement-breakpoint
ALTER TABLE `vans` ADD `sub_model` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `vans` ADD `van_class` text DEFAULT 'standard_cargo' NOT NULL;--> statement-breakpoint
ALTER TABLE `vans` ADD `electric` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `vans` ADD `provider` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Hand-written data move (van types → van classes; see shared/domain.ts LEGACY_VAN_TYPE_CLASS):
-- CDV → standard cargo, EDV → electric van (electric), STEP_VAN → step van, RENTAL → standard cargo rented.
UPDATE `vans` SET `van_class` = CASE `type` WHEN 'EDV' THEN 'electric_van' WHEN 'STEP_VAN' THEN 'step_van' ELSE 'standard_cargo' END, `electric` = CASE `type` WHEN 'EDV' THEN 1 ELSE 0 END;--> statement-breakpoint
UPDATE `vans` SET `ownership` = 'rental' WHERE `type` = 'RENTAL';--> statement-breakpoint
-- A route sheet's own van type is now read by the service-type rules: a rental meant any cargo van.
UPDATE `routes` SET `van_type` = 'CDV' WHERE `van_type` = 'RENTAL';--> statement-breakpoint
-- PM overrides were per van type; now per van class. A CDV override covers every cargo size; a
-- rental follows the cargo vans' (its own overrides go); EDV → electric van; step van stays.
DELETE FROM `pm_schedules` WHERE `van_type` = 'RENTAL';--> statement-breakpoint
INSERT INTO `pm_schedules` (`van_type`, `code`, `label`, `every_mi`, `every_days`, `safety`, `active`) SELECT c.`name`, p.`code`, p.`label`, p.`every_mi`, p.`every_days`, p.`safety`, p.`active` FROM `pm_schedules` p, (SELECT 'small_cargo' AS `name` UNION ALL SELECT 'large_cargo' UNION ALL SELECT 'xl_cargo') c WHERE p.`van_type` = 'CDV';--> statement-breakpoint
UPDATE `pm_schedules` SET `van_type` = CASE `van_type` WHEN 'CDV' THEN 'standard_cargo' WHEN 'EDV' THEN 'electric_van' WHEN 'STEP_VAN' THEN 'step_van' ELSE `van_type` END;--> statement-breakpoint
-- The board settings' service type → van type table is replaced by keyword rules (defaults apply).
UPDATE `settings` SET `value` = json_remove(`value`, '$.serviceTypeVans') WHERE `key` = 'board' AND json_valid(`value`);--> statement-breakpoint
ALTER TABLE `vans` DROP COLUMN `type`;