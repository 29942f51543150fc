-- Existing databases may hold several open invitations for one address: keep the newest open.
UPDATE "invitations" AS "old" SET "revoked_at" = now()
WHERE "old"."accepted_at" IS NULL AND "old"."revoked_at" IS NULL AND EXISTS (
  SELECT 1 FROM "invitations" AS "newer"
  WHERE "newer"."investigation_id" = "old"."investigation_id" AND lower("newer"."email") = lower("old"."email")
    AND "newer"."accepted_at" IS NULL AND "newer"."revoked_at" IS NULL
    AND ("newer"."created_at", "newer"."id") > ("old"."created_at", "old"."id")
);--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_open_per_address" ON "invitations" USING btree ("investigation_id",lower("email")) WHERE "invitations"."accepted_at" is null and "invitations"."revoked_at" is null;
