CREATE TABLE "melding_identities" (
	"melding_id" uuid PRIMARY KEY NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"date_of_birth" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meldingen" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"received_on" date NOT NULL,
	"channel" text NOT NULL,
	"reporting_organisation_id" uuid NOT NULL,
	"legal_frame" text NOT NULL,
	"criterion" text NOT NULL,
	"category" text NOT NULL,
	"meldplicht" boolean DEFAULT false NOT NULL,
	"impacts" text[] DEFAULT '{}' NOT NULL,
	"event_date" date,
	"description" text NOT NULL,
	"urgency" text NOT NULL,
	"status" text DEFAULT 'nieuw' NOT NULL,
	"decision" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"screening_note" text DEFAULT '' NOT NULL,
	"supervisor" text,
	"supervisor_decision" text,
	"supervisor_reported_on" date,
	"supervisor_outcome" text DEFAULT '' NOT NULL,
	"investigation_id" uuid,
	"source" text NOT NULL,
	"submitted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meldingen_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "is_loket" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "melding_identities" ADD CONSTRAINT "melding_identities_melding_id_meldingen_id_fk" FOREIGN KEY ("melding_id") REFERENCES "public"."meldingen"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meldingen" ADD CONSTRAINT "meldingen_reporting_organisation_id_organisations_id_fk" FOREIGN KEY ("reporting_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meldingen" ADD CONSTRAINT "meldingen_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meldingen" ADD CONSTRAINT "meldingen_investigation_id_investigations_id_fk" FOREIGN KEY ("investigation_id") REFERENCES "public"."investigations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meldingen" ADD CONSTRAINT "meldingen_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meldingen_received" ON "meldingen" USING btree ("received_on");--> statement-breakpoint
CREATE INDEX "meldingen_status" ON "meldingen" USING btree ("status");--> statement-breakpoint
CREATE INDEX "meldingen_submitted_by" ON "meldingen" USING btree ("submitted_by");--> statement-breakpoint
CREATE INDEX "meldingen_investigation" ON "meldingen" USING btree ("investigation_id");