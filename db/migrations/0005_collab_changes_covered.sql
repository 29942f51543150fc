ALTER TABLE "collab_changes" ADD COLUMN "last_update_id" bigint;--> statement-breakpoint
-- Until now every log row was summarised in its own transaction: each investigation's newest
-- summary covers its whole log.
UPDATE "collab_changes" c SET "last_update_id" = (SELECT max(u."id") FROM "collab_updates" u WHERE u."investigation_id" = c."investigation_id")
WHERE c."id" IN (SELECT max("id") FROM "collab_changes" GROUP BY "investigation_id");
