ALTER TABLE `scorecard_rows` ADD `dvic` real;--> statement-breakpoint
ALTER TABLE `scorecard_rows` ADD `overall_score` real;--> statement-breakpoint
ALTER TABLE `scorecard_rows` ADD `performer` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `scorecard_rows` ADD `amazon` text;--> statement-breakpoint
ALTER TABLE `scorecard_weeks` ADD `source` text;--> statement-breakpoint
ALTER TABLE `scorecard_weeks` ADD `station` text;