ALTER TABLE "collab_changes" ADD COLUMN "details" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "collab_updates" ADD COLUMN "details" jsonb DEFAULT '[]'::jsonb NOT NULL;