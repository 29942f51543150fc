CREATE TABLE "person_restrictions" (
	"investigation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"restricted_by" uuid,
	"restricted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "person_restrictions" ADD CONSTRAINT "person_restrictions_investigation_id_investigations_id_fk" FOREIGN KEY ("investigation_id") REFERENCES "public"."investigations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_restrictions" ADD CONSTRAINT "person_restrictions_restricted_by_users_id_fk" FOREIGN KEY ("restricted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "person_restrictions_person" ON "person_restrictions" USING btree ("investigation_id","kind","key");