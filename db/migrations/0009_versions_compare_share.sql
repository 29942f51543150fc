ALTER TABLE "report_assessments" ADD COLUMN "shared_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "report_assessments" ADD COLUMN "shared_by" uuid;--> statement-breakpoint
ALTER TABLE "report_versions" ADD COLUMN "answers_request_id" bigint;--> statement-breakpoint
ALTER TABLE "report_versions" ADD COLUMN "partners_docx" "bytea";--> statement-breakpoint
ALTER TABLE "report_versions" ADD COLUMN "partners_sha256" text;--> statement-breakpoint
ALTER TABLE "report_assessments" ADD CONSTRAINT "report_assessments_shared_by_users_id_fk" FOREIGN KEY ("shared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_answers_request_id_report_requests_id_fk" FOREIGN KEY ("answers_request_id") REFERENCES "public"."report_requests"("id") ON DELETE no action ON UPDATE no action;