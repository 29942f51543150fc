CREATE TABLE "reaction_codes" (
	"invitee_id" uuid PRIMARY KEY NOT NULL,
	"code_hash" text NOT NULL,
	"salt" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "round_reactions" ADD COLUMN "signed_with" text;--> statement-breakpoint
ALTER TABLE "reaction_codes" ADD CONSTRAINT "reaction_codes_invitee_id_round_invitees_id_fk" FOREIGN KEY ("invitee_id") REFERENCES "public"."round_invitees"("id") ON DELETE cascade ON UPDATE no action;