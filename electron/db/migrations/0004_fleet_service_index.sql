DROP INDEX `service_records_van_code_idx`;--> statement-breakpoint
CREATE INDEX `service_records_last_idx` ON `service_records` (`van_id`,`code`,`date`,`odometer_mi`);