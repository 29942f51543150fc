CREATE TABLE "comment_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"investigation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"interview_id" uuid,
	"title" text NOT NULL,
	"term_weeks" integer NOT NULL,
	"start_date" date NOT NULL,
	"original_deadline_date" date NOT NULL,
	"deadline_date" date NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"frozen" jsonb NOT NULL,
	"version_hash" text NOT NULL,
	"collab_version_id" uuid,
	"base_url" text NOT NULL,
	"opened_by" uuid,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "interviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"investigation_id" uuid NOT NULL,
	"person_function" text NOT NULL,
	"initials" text DEFAULT '' NOT NULL,
	"organisation" text DEFAULT '' NOT NULL,
	"relation" text DEFAULT '' NOT NULL,
	"held_on" date NOT NULL,
	"interviewers" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reaction_dispositions" (
	"reaction_id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"note" text NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "round_extensions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"reason" text NOT NULL,
	"extended_by" uuid,
	"extended_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "round_invitees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"relation" text DEFAULT '' NOT NULL,
	"token_hash" text,
	"link_revoked_at" timestamp with time zone,
	"late_allowed_until" timestamp with time zone,
	"late_reason" text,
	"invited_by" uuid,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "round_invitees_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "round_notices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"invitee_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"for_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "round_reactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"invitee_id" uuid NOT NULL,
	"status" text NOT NULL,
	"version_hash" text NOT NULL,
	"pointer" text DEFAULT 'general' NOT NULL,
	"pointer_label" text DEFAULT '' NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"corrects_id" uuid,
	"signer_name" text,
	"signer_role" text,
	"declaration" boolean DEFAULT false NOT NULL,
	"signed_on" date,
	"submitted_at" timestamp with time zone,
	"signature_hash" text,
	"late" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "comment_rounds" ADD CONSTRAINT "comment_rounds_investigation_id_investigations_id_fk" FOREIGN KEY ("investigation_id") REFERENCES "public"."investigations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_rounds" ADD CONSTRAINT "comment_rounds_interview_id_interviews_id_fk" FOREIGN KEY ("interview_id") REFERENCES "public"."interviews"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_rounds" ADD CONSTRAINT "comment_rounds_collab_version_id_collab_versions_id_fk" FOREIGN KEY ("collab_version_id") REFERENCES "public"."collab_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_rounds" ADD CONSTRAINT "comment_rounds_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_investigation_id_investigations_id_fk" FOREIGN KEY ("investigation_id") REFERENCES "public"."investigations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reaction_dispositions" ADD CONSTRAINT "reaction_dispositions_reaction_id_round_reactions_id_fk" FOREIGN KEY ("reaction_id") REFERENCES "public"."round_reactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reaction_dispositions" ADD CONSTRAINT "reaction_dispositions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_extensions" ADD CONSTRAINT "round_extensions_round_id_comment_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."comment_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_extensions" ADD CONSTRAINT "round_extensions_extended_by_users_id_fk" FOREIGN KEY ("extended_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_invitees" ADD CONSTRAINT "round_invitees_round_id_comment_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."comment_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_invitees" ADD CONSTRAINT "round_invitees_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_invitees" ADD CONSTRAINT "round_invitees_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_notices" ADD CONSTRAINT "round_notices_round_id_comment_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."comment_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_notices" ADD CONSTRAINT "round_notices_invitee_id_round_invitees_id_fk" FOREIGN KEY ("invitee_id") REFERENCES "public"."round_invitees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_reactions" ADD CONSTRAINT "round_reactions_round_id_comment_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."comment_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_reactions" ADD CONSTRAINT "round_reactions_invitee_id_round_invitees_id_fk" FOREIGN KEY ("invitee_id") REFERENCES "public"."round_invitees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comment_rounds_investigation_opened" ON "comment_rounds" USING btree ("investigation_id","opened_at");--> statement-breakpoint
CREATE INDEX "comment_rounds_open_deadline" ON "comment_rounds" USING btree ("deadline_at") WHERE "comment_rounds"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "interviews_investigation_held" ON "interviews" USING btree ("investigation_id","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "round_invitees_round_email" ON "round_invitees" USING btree ("round_id","email");--> statement-breakpoint
CREATE INDEX "round_invitees_user" ON "round_invitees" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "round_notices_once" ON "round_notices" USING btree ("round_id","invitee_id","kind","for_date");--> statement-breakpoint
CREATE INDEX "round_notices_pending" ON "round_notices" USING btree ("id") WHERE "round_notices"."sent_at" is null;--> statement-breakpoint
CREATE INDEX "round_reactions_round" ON "round_reactions" USING btree ("round_id","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "round_reactions_one_draft" ON "round_reactions" USING btree ("invitee_id") WHERE "round_reactions"."status" = 'draft';--> statement-breakpoint
-- Hand-written (ADR 0005): a signed reaction is immutable; a correction is a new reaction.
CREATE FUNCTION "round_reactions_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'submitted' THEN
    RAISE EXCEPTION 'round_reactions %: a signed reaction cannot be changed', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "round_reactions_immutable" BEFORE UPDATE ON "round_reactions" FOR EACH ROW EXECUTE FUNCTION "round_reactions_immutable"();
