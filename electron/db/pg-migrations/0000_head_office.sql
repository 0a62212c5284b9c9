CREATE TABLE "ho_stations" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"epoch" text,
	"last_seq" bigint DEFAULT 0 NOT NULL,
	"snapshot_complete" boolean DEFAULT false NOT NULL,
	"positions_to" bigint DEFAULT 0 NOT NULL,
	"last_push_at" text,
	"pending" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ho_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"station" text,
	"hash" text NOT NULL,
	"created_at" text NOT NULL,
	"revoked_at" text
);
--> statement-breakpoint
CREATE TABLE "alarms" (
	"ho_station" text NOT NULL,
	"id" bigint NOT NULL,
	"device_id" bigint NOT NULL,
	"van_id" bigint,
	"kind" text NOT NULL,
	"urgent" bigint DEFAULT 0 NOT NULL,
	"first_at" text NOT NULL,
	"last_at" text NOT NULL,
	"count" bigint DEFAULT 1 NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"position_id" bigint,
	"acknowledged_at" text,
	"acknowledged_by" text,
	"open" bigint DEFAULT 1,
	CONSTRAINT "alarms_pk" PRIMARY KEY("ho_station","id")
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"ho_station" text NOT NULL,
	"id" bigint NOT NULL,
	"route_id" bigint NOT NULL,
	"date" text NOT NULL,
	"driver_id" bigint NOT NULL,
	"van_id" bigint,
	"device_id" bigint,
	"pinned" bigint DEFAULT 0 NOT NULL,
	"assigned_by" text NOT NULL,
	"assigned_at" text NOT NULL,
	"override_reason" text,
	CONSTRAINT "assignments_pk" PRIMARY KEY("ho_station","id")
);
--> statement-breakpoint
CREATE TABLE "audit_changes" (
	"ho_station" text NOT NULL,
	"audit_id" bigint NOT NULL,
	"seq" bigint NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"before" text,
	"after" text,
	"reason" text,
	CONSTRAINT "audit_changes_pk" PRIMARY KEY("ho_station","audit_id","seq")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"ho_station" text NOT NULL,
	"id" bigint NOT NULL,
	"at" text NOT NULL,
	"actor" text NOT NULL,
	"actor_role" text NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"before" text,
	"after" text,
	"reason" text,
	CONSTRAINT "audit_log_pk" PRIMARY KEY("ho_station","id")
);
--> statement-breakpoint
CREATE TABLE "coaching_plans" (
	"ho_station" text NOT NULL,
	"id" bigint NOT NULL,
	"driver_id" bigint NOT NULL,
	"week" text,
	"metric" text,
	"incident_id" bigint,
	"rescue_id" bigint,
	"finding" text NOT NULL,
	"target" text DEFAULT '' NOT NULL,
	"actions" text DEFAULT '[]' NOT NULL,
	"owner" text DEFAULT '' NOT NULL,
	"due_date" text,
	"status" text DEFAULT 'suggested' NOT NULL,
	"acknowledged_at" text,
	"acknowledgement" text DEFAULT '' NOT NULL,
	"follow_up_result" text DEFAULT '' NOT NULL,
	"closed_at" text,
	"escalated_at" text,
	"escalation_reason" text DEFAULT '' NOT NULL,
	"created_at" text DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	"updated_at" text DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	CONSTRAINT "coaching_plans_pk" PRIMARY KEY("ho_station","id")
);
--> statement-breakpoint
CREATE TABLE "defects" (
	"ho_station" text NOT NULL,
	"id" bigint NOT NULL,
	"van_id" bigint NOT NULL,
	"severity" text NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"source_inspection_id" bigint,
	"item_code" text,
	"reported_at" text NOT NULL,
	"reported_by" text NOT NULL,
	"shop" text,
	"expected_date" text,
	"repair_started_at" text,
	"repaired_at" text,
	"repair_note" text,
	"cost" double precision,
	"invoice_ref" text,
	"released_at" text,
	"released_by" text,
	"release_note" text,
	CONSTRAINT "defects_pk" PRIMARY KEY("ho_station","id")
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"ho_station" text NOT NULL,
	"id" bigint NOT NULL,
	"identifier" text NOT NULL,
	"kind" text DEFAULT 'phone' NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"phone_number" text DEFAULT '' NOT NULL,
	"van_id" bigint,
	"last_seen_at" text,
	"battery" double precision,
	"odometer_source" bigint DEFAULT 0 NOT NULL,
	"archived_at" text,
	"created_at" text DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	CONSTRAINT "devices_pk" PRIMARY KEY("ho_station","id")
);
--> statement-breakpoint
CREATE TABLE "driver_days" (
	"ho_station" text NOT NULL,
	"driver_id" bigint NOT NULL,
	"date" text NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"checked_in_at" text,
	"note" text DEFAULT '' NOT NULL,
	"updated_at" text DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	CONSTRAINT "driver_days_pk" PRIMARY KEY("ho_station","driver_id","date")
);
--> statement-breakpoint
CREATE TABLE "drivers" (
	"ho_station" text NOT NULL,
	"id" bigint NOT NULL,
	"transporter_id" text NOT NULL,
	"name" text NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"work_phone" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"licence_number" text DEFAULT '' NOT NULL,
	"licence_expiry" text,
	"dot_medical_expiry" text,
	"hire_date" text,
	"status" text DEFAULT 'active' NOT NULL,
	"position" text DEFAULT 'Delivery Associate' NOT NULL,
	"qualifications" text DEFAULT '[]' NOT NULL,
	"usual_van_id" bigint,
	"notes" text DEFAULT '' NOT NULL,
	"archived_at" text,
	"created_at" text DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	"updated_at" text DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	CONSTRAINT "drivers_pk" PRIMARY KEY("ho_station","id")
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"ho_station" text NOT NULL,
	"id" bigint NOT NULL,
	"type" text NOT NULL,
	"date" text NOT NULL,
	"driver_id" bigint,
	"van_id" bigint,
	"route_id" bigint,
	"severity" text DEFAULT 'low' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"plan_id" bigint,
	"created_at" text DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	"updated_at" text DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	CONSTRAINT "incidents_pk" PRIMARY KEY("ho_station","id")
);
--> statement-breakpoint
CREATE TABLE "inspection_items" (
	"ho_station" text NOT NULL,
	"id" bigint NOT NULL,
	"inspection_id" bigint NOT NULL,
	"item_code" text NOT NULL,
	"passed" bigint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"photo_path" text,
	CONSTRAINT "inspection_items_pk" PRIMARY KEY("ho_station","id")
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"ho_station" text NOT NULL,
	"id" bigint NOT NULL,
	"van_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"at" text NOT NULL,
	"date" text NOT NULL,
	"inspector" text NOT NULL,
	"driver_id" bigint,
	"odometer_mi" double precision,
	"result" text,
	"ended_at" text,
	"duration_sec" bigint,
	"faults" bigint,
	"source" text DEFAULT 'desk' NOT NULL,
	"source_key" text,
	"notes" text DEFAULT '' NOT NULL,
	"created_by" text DEFAULT '' NOT NULL,
	"created_at" text DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	CONSTRAINT "inspections_pk" PRIMARY KEY("ho_station","id")
);
--> statement-breakpoint
CREATE TABLE "pm_schedules" (
	"ho_station" text NOT NULL,
	"id" bigint NOT NULL,
	"van_type" text NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"every_mi" double precision,
	"every_days" bigint,
	"safety" bigint DEFAULT 0 NOT NULL,
	"active" bigint DEFAULT 1 NOT NULL,
	CONSTRAINT "pm_schedules_pk" PRIMARY KEY("ho_station","id")
);
--> statement-breakpoint
CREATE TABLE "positions" (
	"ho_station" text NOT NULL,
	"id" bigint NOT NULL,
	"device_id" bigint NOT NULL,
	"at" text NOT NULL,
	"received_at" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"speed_kph" double precision,
	"course" double precision,
	"altitude" double precision,
	"accuracy" double precision,
	"battery" double precision,
	"valid" bigint DEFAULT 1 NOT NULL,
	"time_flag" text,
	"attributes" text,
	CONSTRAINT "positions_pk" PRIMARY KEY("ho_station","id")
);
--> statement-breakpoint
CREATE TABLE "positions_latest" (
	"ho_station" text NOT NULL,
	"device_id" bigint NOT NULL,
	"position_id" bigint NOT NULL,
	"at" text NOT NULL,
	"received_at" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"speed_kph" double precision,
	"course" double precision,
	"accuracy" double precision,
	"battery" double precision,
	"moved_at" text NOT NULL,
	"in_station" bigint DEFAULT 0 NOT NULL,
	"max_speed_kph" double precision,
	"max_speed_at" text,
	CONSTRAINT "positions_latest_pk" PRIMARY KEY("ho_station","device_id")
);
--> statement-breakpoint
CREATE TABLE "progress_routes" (
	"ho_station" text NOT NULL,
	"snapshot_id" bigint NOT NULL,
	"route_code" text NOT NULL,
	"route_id" bigint,
	"driver_id" bigint,
	"transporter_ids" text NOT NULL,
	"driver_names" text NOT NULL,
	"progress" text DEFAULT '' NOT NULL,
	"service_type" text DEFAULT '' NOT NULL,
	"duration_min" bigint,
	"stops_all" bigint,
	"stops_done" bigint,
	"stops_not_started" bigint,
	"row" bigint NOT NULL,
	CONSTRAINT "progress_routes_pk" PRIMARY KEY("ho_station","snapshot_id","route_code")
);
--> statement-breakpoint
CREATE TABLE "progress_snapshots" (
	"ho_station" text NOT NULL,
	"id" bigint NOT NULL,
	"date" text NOT NULL,
	"as_of" text NOT NULL,
	"file_name" text NOT NULL,
	"as_of_from" text NOT NULL,
	"routes" bigint NOT NULL,
	"skipped_other_dsp" bigint DEFAULT 0 NOT NULL,
	"imported_at" text NOT NULL,
	"imported_by" text NOT NULL,
	CONSTRAINT "progress_snapshots_pk" PRIMARY KEY("ho_station","id")
);
--> statement-breakpoint
CREATE TABLE "rescues" (
	"ho_station" text NOT NULL,
	"id" bigint NOT NULL,
	"date" text NOT NULL,
	"route_id" bigint,
	"route_code" text NOT NULL,
	"from_driver_id" bigint,
	"to_driver_id" bigint NOT NULL,
	"stops" bigint,
	"at" text NOT NULL,
	"source" text NOT NULL,
	"snapshot_id" bigint,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" text NOT NULL,
	CONSTRAINT "rescues_pk" PRIMARY KEY("ho_station","id")
);
--> statement-breakpoint
CREATE TABLE "route_close" (
	"ho_station" text NOT NULL,
	"route_id" bigint NOT NULL,
	"rts_packages" bigint,
	"dvir_done" bigint DEFAULT 0 NOT NULL,
	"phone_returned" bigint DEFAULT 0 NOT NULL,
	"keys_returned" bigint DEFAULT 0 NOT NULL,
	"returned_from_snapshot" bigint,
	"updated_at" text NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "route_close_pk" PRIMARY KEY("ho_station","route_id")
);
--> statement-breakpoint
CREATE TABLE "routes" (
	"ho_station" text NOT NULL,
	"id" bigint NOT NULL,
	"date" text NOT NULL,
	"code" text NOT NULL,
	"wave" text NOT NULL,
	"staging" text DEFAULT '' NOT NULL,
	"service_type" text NOT NULL,
	"planned_duration_min" bigint NOT NULL,
	"duration_defaulted" bigint DEFAULT 0 NOT NULL,
	"stops" bigint,
	"packages" bigint,
	"zones" bigint,
	"planned_distance_mi" double precision,
	"van_type" text,
	"notes" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"launched_at" text,
	"returned_at" text,
	"created_at" text DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	"updated_at" text DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	CONSTRAINT "routes_pk" PRIMARY KEY("ho_station","id")
);
--> statement-breakpoint
CREATE TABLE "safety_topic_history" (
	"ho_station" text NOT NULL,
	"date" text NOT NULL,
	"topic_id" bigint NOT NULL,
	CONSTRAINT "safety_topic_history_pk" PRIMARY KEY("ho_station","date")
);
--> statement-breakpoint
CREATE TABLE "safety_topics" (
	"ho_station" text NOT NULL,
	"id" bigint NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"archived_at" text,
	"created_at" text DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	CONSTRAINT "safety_topics_pk" PRIMARY KEY("ho_station","id")
);
--> statement-breakpoint
CREATE TABLE "schedule_days" (
	"ho_station" text NOT NULL,
	"driver_id" bigint NOT NULL,
	"date" text NOT NULL,
	"state" text NOT NULL,
	"updated_at" text DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	CONSTRAINT "schedule_days_pk" PRIMARY KEY("ho_station","driver_id","date")
);
--> statement-breakpoint
CREATE TABLE "schedule_targets" (
	"ho_station" text NOT NULL,
	"driver_id" bigint NOT NULL,
	"preferred_days" text DEFAULT '[]' NOT NULL,
	"days_per_week" bigint NOT NULL,
	"hours_per_week" double precision NOT NULL,
	"updated_at" text DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	CONSTRAINT "schedule_targets_pk" PRIMARY KEY("ho_station","driver_id")
);
--> statement-breakpoint
CREATE TABLE "scorecard_rows" (
	"ho_station" text NOT NULL,
	"id" bigint NOT NULL,
	"week" text NOT NULL,
	"driver_id" bigint,
	"row" bigint NOT NULL,
	"transporter_id" text DEFAULT '' NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"file_tier" text,
	"tier" text,
	"key_focus_area" text DEFAULT '' NOT NULL,
	"delivered" bigint,
	"fico" double precision,
	"seatbelt" double precision,
	"speeding" double precision,
	"distractions" double precision,
	"following_distance" double precision,
	"sign_signal" double precision,
	"cdf_dpmo" double precision,
	"ced" double precision,
	"dcr" double precision,
	"dsb" double precision,
	"pod" double precision,
	"psb" double precision,
	"dsb_dnr" double precision,
	"pod_opps" bigint,
	"cc" double precision,
	"dvic" double precision,
	"overall_score" double precision,
	"performer" text DEFAULT '' NOT NULL,
	"amazon" text,
	CONSTRAINT "scorecard_rows_pk" PRIMARY KEY("ho_station","id")
);
--> statement-breakpoint
CREATE TABLE "scorecard_weeks" (
	"ho_station" text NOT NULL,
	"week" text NOT NULL,
	"start_date" text NOT NULL,
	"end_date" text NOT NULL,
	"company_score" double precision,
	"company_tier" text,
	"thresholds" text,
	"file_name" text,
	"source" text,
	"station" text,
	"imported_at" text,
	"imported_by" text,
	"updated_at" text DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	CONSTRAINT "scorecard_weeks_pk" PRIMARY KEY("ho_station","week")
);
--> statement-breakpoint
CREATE TABLE "service_records" (
	"ho_station" text NOT NULL,
	"id" bigint NOT NULL,
	"van_id" bigint NOT NULL,
	"code" text NOT NULL,
	"date" text NOT NULL,
	"odometer_mi" double precision,
	"note" text DEFAULT '' NOT NULL,
	"cost" double precision,
	"created_by" text DEFAULT '' NOT NULL,
	"created_at" text DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	CONSTRAINT "service_records_pk" PRIMARY KEY("ho_station","id")
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"ho_station" text NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	"updated_at" text DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	CONSTRAINT "settings_pk" PRIMARY KEY("ho_station","key")
);
--> statement-breakpoint
CREATE TABLE "station" (
	"ho_station" text NOT NULL,
	"id" bigint NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"dsp_code" text DEFAULT '' NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"time_zone" text NOT NULL,
	"geofence_m" bigint DEFAULT 300 NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	CONSTRAINT "station_pk" PRIMARY KEY("ho_station","id")
);
--> statement-breakpoint
CREATE TABLE "training_courses" (
	"ho_station" text NOT NULL,
	"id" bigint NOT NULL,
	"name" text NOT NULL,
	"validity_days" bigint,
	"mandatory" bigint DEFAULT 0 NOT NULL,
	"archived_at" text,
	"created_at" text DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	CONSTRAINT "training_courses_pk" PRIMARY KEY("ho_station","id")
);
--> statement-breakpoint
CREATE TABLE "training_records" (
	"ho_station" text NOT NULL,
	"id" bigint NOT NULL,
	"driver_id" bigint NOT NULL,
	"course_id" bigint NOT NULL,
	"completed_on" text NOT NULL,
	"expires_on" text,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" text DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	CONSTRAINT "training_records_pk" PRIMARY KEY("ho_station","id")
);
--> statement-breakpoint
CREATE TABLE "unknown_devices" (
	"ho_station" text NOT NULL,
	"identifier" text NOT NULL,
	"first_seen_at" text NOT NULL,
	"last_seen_at" text NOT NULL,
	"count" bigint DEFAULT 1 NOT NULL,
	"last_lat" double precision,
	"last_lon" double precision,
	"remote_address" text DEFAULT '' NOT NULL,
	CONSTRAINT "unknown_devices_pk" PRIMARY KEY("ho_station","identifier")
);
--> statement-breakpoint
CREATE TABLE "van_documents" (
	"ho_station" text NOT NULL,
	"id" bigint NOT NULL,
	"van_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"expires_on" text,
	"note" text DEFAULT '' NOT NULL,
	"updated_at" text NOT NULL,
	CONSTRAINT "van_documents_pk" PRIMARY KEY("ho_station","id")
);
--> statement-breakpoint
CREATE TABLE "van_releases" (
	"ho_station" text NOT NULL,
	"id" bigint NOT NULL,
	"van_id" bigint NOT NULL,
	"at" text NOT NULL,
	"released_by" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "van_releases_pk" PRIMARY KEY("ho_station","id")
);
--> statement-breakpoint
CREATE TABLE "vans" (
	"ho_station" text NOT NULL,
	"id" bigint NOT NULL,
	"name" text NOT NULL,
	"vin" text NOT NULL,
	"plate" text DEFAULT '' NOT NULL,
	"plate_state" text DEFAULT '' NOT NULL,
	"make" text DEFAULT '' NOT NULL,
	"model" text DEFAULT '' NOT NULL,
	"sub_model" text DEFAULT '' NOT NULL,
	"year" bigint,
	"van_class" text DEFAULT 'standard_cargo' NOT NULL,
	"electric" bigint DEFAULT 0 NOT NULL,
	"ownership" text DEFAULT 'owned' NOT NULL,
	"provider" text DEFAULT '' NOT NULL,
	"ownership_end_date" text,
	"odometer_mi" double precision DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'in_service' NOT NULL,
	"status_reason" text DEFAULT '' NOT NULL,
	"usable_range_mi" double precision,
	"state_of_charge_pct" double precision,
	"charging_bay" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"archived_at" text,
	"created_at" text DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	"updated_at" text DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	CONSTRAINT "vans_pk" PRIMARY KEY("ho_station","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "ho_tokens_hash_uq" ON "ho_tokens" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "alarms_open_uq" ON "alarms" USING btree ("ho_station","device_id","kind","open");--> statement-breakpoint
CREATE INDEX "alarms_first_at_idx" ON "alarms" USING btree ("ho_station","first_at");--> statement-breakpoint
CREATE INDEX "assignments_route_uq" ON "assignments" USING btree ("ho_station","route_id");--> statement-breakpoint
CREATE INDEX "assignments_driver_day_uq" ON "assignments" USING btree ("ho_station","date","driver_id");--> statement-breakpoint
CREATE INDEX "assignments_van_day_uq" ON "assignments" USING btree ("ho_station","date","van_id");--> statement-breakpoint
CREATE INDEX "assignments_driver_idx" ON "assignments" USING btree ("ho_station","driver_id");--> statement-breakpoint
CREATE INDEX "audit_changes_entity_idx" ON "audit_changes" USING btree ("ho_station","entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_entity_idx" ON "audit_log" USING btree ("ho_station","entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_log" USING btree ("ho_station","at");--> statement-breakpoint
CREATE INDEX "coaching_plans_driver_idx" ON "coaching_plans" USING btree ("ho_station","driver_id");--> statement-breakpoint
CREATE INDEX "coaching_plans_status_idx" ON "coaching_plans" USING btree ("ho_station","status","due_date");--> statement-breakpoint
CREATE INDEX "coaching_plans_incident_idx" ON "coaching_plans" USING btree ("ho_station","incident_id");--> statement-breakpoint
CREATE INDEX "defects_status_idx" ON "defects" USING btree ("ho_station","status","van_id");--> statement-breakpoint
CREATE INDEX "defects_van_idx" ON "defects" USING btree ("ho_station","van_id","reported_at");--> statement-breakpoint
CREATE INDEX "devices_identifier_uq" ON "devices" USING btree ("ho_station","identifier");--> statement-breakpoint
CREATE INDEX "devices_van_idx" ON "devices" USING btree ("ho_station","van_id");--> statement-breakpoint
CREATE INDEX "driver_days_date_idx" ON "driver_days" USING btree ("ho_station","date");--> statement-breakpoint
CREATE INDEX "drivers_transporter_id_uq" ON "drivers" USING btree ("ho_station","transporter_id");--> statement-breakpoint
CREATE INDEX "drivers_name_idx" ON "drivers" USING btree ("ho_station","name");--> statement-breakpoint
CREATE INDEX "incidents_date_idx" ON "incidents" USING btree ("ho_station","date");--> statement-breakpoint
CREATE INDEX "incidents_driver_idx" ON "incidents" USING btree ("ho_station","driver_id","date");--> statement-breakpoint
CREATE INDEX "inspection_items_inspection_idx" ON "inspection_items" USING btree ("ho_station","inspection_id","passed");--> statement-breakpoint
CREATE INDEX "inspections_van_at_idx" ON "inspections" USING btree ("ho_station","van_id","at");--> statement-breakpoint
CREATE INDEX "inspections_date_idx" ON "inspections" USING btree ("ho_station","date");--> statement-breakpoint
CREATE INDEX "inspections_source_key_uq" ON "inspections" USING btree ("ho_station","source_key");--> statement-breakpoint
CREATE INDEX "pm_schedules_type_code_uq" ON "pm_schedules" USING btree ("ho_station","van_type","code");--> statement-breakpoint
CREATE INDEX "positions_device_at_idx" ON "positions" USING btree ("ho_station","device_id","at");--> statement-breakpoint
CREATE INDEX "progress_routes_route_idx" ON "progress_routes" USING btree ("ho_station","route_id");--> statement-breakpoint
CREATE INDEX "progress_snapshots_date_idx" ON "progress_snapshots" USING btree ("ho_station","date","as_of");--> statement-breakpoint
CREATE INDEX "rescues_day_route_to_uq" ON "rescues" USING btree ("ho_station","date","route_code","to_driver_id");--> statement-breakpoint
CREATE INDEX "rescues_date_idx" ON "rescues" USING btree ("ho_station","date");--> statement-breakpoint
CREATE INDEX "routes_date_code_uq" ON "routes" USING btree ("ho_station","date","code");--> statement-breakpoint
CREATE INDEX "routes_date_idx" ON "routes" USING btree ("ho_station","date");--> statement-breakpoint
CREATE INDEX "schedule_days_date_idx" ON "schedule_days" USING btree ("ho_station","date");--> statement-breakpoint
CREATE INDEX "scorecard_rows_week_idx" ON "scorecard_rows" USING btree ("ho_station","week");--> statement-breakpoint
CREATE INDEX "scorecard_rows_driver_idx" ON "scorecard_rows" USING btree ("ho_station","driver_id","week");--> statement-breakpoint
CREATE INDEX "service_records_last_idx" ON "service_records" USING btree ("ho_station","van_id","code","date","odometer_mi");--> statement-breakpoint
CREATE INDEX "training_courses_name_uq" ON "training_courses" USING btree ("ho_station","name");--> statement-breakpoint
CREATE INDEX "training_records_driver_idx" ON "training_records" USING btree ("ho_station","driver_id","course_id");--> statement-breakpoint
CREATE INDEX "training_records_expiry_idx" ON "training_records" USING btree ("ho_station","expires_on");--> statement-breakpoint
CREATE INDEX "van_documents_van_kind_uq" ON "van_documents" USING btree ("ho_station","van_id","kind");--> statement-breakpoint
CREATE INDEX "van_releases_van_at_idx" ON "van_releases" USING btree ("ho_station","van_id","at");--> statement-breakpoint
CREATE INDEX "vans_vin_uq" ON "vans" USING btree ("ho_station","vin");--> statement-breakpoint
CREATE INDEX "vans_name_idx" ON "vans" USING btree ("ho_station","name");