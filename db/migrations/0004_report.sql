CREATE TABLE "committee_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"investigation_id" uuid NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"function" text NOT NULL,
	"organisation" text DEFAULT '' NOT NULL,
	"background" text DEFAULT '' NOT NULL,
	"involvement" text DEFAULT '' NOT NULL,
	"independence" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"investigation_id" uuid NOT NULL,
	"onderzoeksopzet" text NOT NULL,
	"onderzoeksopzet_remark" text DEFAULT '' NOT NULL,
	"navolgbaarheid" text NOT NULL,
	"navolgbaarheid_remark" text DEFAULT '' NOT NULL,
	"verbetermaatregelen" text NOT NULL,
	"verbetermaatregelen_remark" text DEFAULT '' NOT NULL,
	"verslag" text NOT NULL,
	"assessed_by" uuid NOT NULL,
	"assessed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"investigation_id" uuid NOT NULL,
	"version_id" uuid,
	"text" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"handled" boolean DEFAULT false NOT NULL,
	"handled_note" text,
	"handled_by" uuid,
	"handled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"investigation_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" text NOT NULL,
	"checklist_id" text NOT NULL,
	"filename" text NOT NULL,
	"docx" "bytea" NOT NULL,
	"content" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "workspace_access" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "committee_members" ADD CONSTRAINT "committee_members_investigation_id_investigations_id_fk" FOREIGN KEY ("investigation_id") REFERENCES "public"."investigations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_assessments" ADD CONSTRAINT "report_assessments_version_id_report_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."report_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_assessments" ADD CONSTRAINT "report_assessments_investigation_id_investigations_id_fk" FOREIGN KEY ("investigation_id") REFERENCES "public"."investigations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_assessments" ADD CONSTRAINT "report_assessments_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_requests" ADD CONSTRAINT "report_requests_investigation_id_investigations_id_fk" FOREIGN KEY ("investigation_id") REFERENCES "public"."investigations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_requests" ADD CONSTRAINT "report_requests_version_id_report_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."report_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_requests" ADD CONSTRAINT "report_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_requests" ADD CONSTRAINT "report_requests_handled_by_users_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_investigation_id_investigations_id_fk" FOREIGN KEY ("investigation_id") REFERENCES "public"."investigations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "committee_members_investigation" ON "committee_members" USING btree ("investigation_id","position");--> statement-breakpoint
CREATE INDEX "report_assessments_version" ON "report_assessments" USING btree ("version_id","assessed_at");--> statement-breakpoint
CREATE INDEX "report_requests_investigation" ON "report_requests" USING btree ("investigation_id","handled");--> statement-breakpoint
CREATE UNIQUE INDEX "report_versions_number" ON "report_versions" USING btree ("investigation_id","number");--> statement-breakpoint
-- Toezichthouders who were members before this migration could read the workspace: keep that.
UPDATE "memberships" SET "workspace_access" = true WHERE "role" = 'toezichthouder';--> statement-breakpoint
-- A submitted version is immutable: bytes, content and hash never change, and it is never deleted.
CREATE FUNCTION "report_versions_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'report_versions is immutable';
END;
$$;--> statement-breakpoint
CREATE TRIGGER "report_versions_immutable" BEFORE UPDATE OR DELETE ON "report_versions" FOR EACH ROW EXECUTE FUNCTION "report_versions_immutable"();
