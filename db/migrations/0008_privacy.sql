CREATE TABLE "person_restrictions" (
	"investigation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"restricted_by" uuid,
	"restricted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "retention_years" integer DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE "investigations" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "investigations" ADD COLUMN "closed_by" uuid;--> statement-breakpoint
ALTER TABLE "investigations" ADD COLUMN "retention_until" date;--> statement-breakpoint
ALTER TABLE "person_restrictions" ADD CONSTRAINT "person_restrictions_investigation_id_investigations_id_fk" FOREIGN KEY ("investigation_id") REFERENCES "public"."investigations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_restrictions" ADD CONSTRAINT "person_restrictions_restricted_by_users_id_fk" FOREIGN KEY ("restricted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "person_restrictions_person" ON "person_restrictions" USING btree ("investigation_id","kind","key");--> statement-breakpoint
ALTER TABLE "investigations" ADD CONSTRAINT "investigations_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- A submitted version stays immutable, but when its investigation's retention period has passed the
-- job loop deletes it, in a transaction that sets ketenlijn.retention_purge (SET LOCAL): that is the
-- one way to delete it. Updates are still always refused.
CREATE OR REPLACE FUNCTION "report_versions_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('ketenlijn.retention_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'report_versions is immutable';
END;
$$;
