ALTER TABLE "organisations" ADD COLUMN "retention_years" integer DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE "investigations" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "investigations" ADD COLUMN "closed_by" uuid;--> statement-breakpoint
ALTER TABLE "investigations" ADD COLUMN "retention_until" date;--> statement-breakpoint
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
