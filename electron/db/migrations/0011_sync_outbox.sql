CREATE TABLE `sync_outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`epoch` text NOT NULL,
	`station` text NOT NULL,
	`at` text NOT NULL,
	`tbl` text NOT NULL,
	`key` text NOT NULL,
	`op` text NOT NULL,
	`row` text
);
--> statement-breakpoint
CREATE INDEX `sync_outbox_epoch_idx` ON `sync_outbox` (`epoch`,`seq`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`epoch` text,
	`station` text,
	`epoch_started_at` text,
	`positions_pushed_to` integer DEFAULT 0 NOT NULL,
	`last_push_at` text,
	`last_pushed_seq` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
