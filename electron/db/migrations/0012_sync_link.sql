ALTER TABLE `sync_state` ADD `head_office_url` text;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `push_token` text;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `paused` integer DEFAULT false NOT NULL;