import { describe, expect, it } from "vitest";
import { z } from "zod";
import "../../app/lib/zod-dutch.ts";
import { deadlineChangeSchema, inviteSchema } from "../../app/domain/forms.ts";

describe("Dutch zod messages", () => {
  it("replaces zod's English defaults", () => {
    const messages = [
      z.object({ id: z.string().uuid() }).safeParse({}),
      z.string().uuid().safeParse("x"),
      z.string().min(1).max(3).safeParse(""),
      z.string().max(3).safeParse("abcd"),
      z.enum(["a", "b"]).safeParse("c"),
      z.literal("aan").safeParse("uit"),
      z.email().safeParse("geen-adres"),
      deadlineChangeSchema.safeParse({ key: "", date: "1-1-2026", reason: "omdat het moet" }),
    ].map((r) => r.error!.issues[0].message);
    expect(messages).toEqual([
      "Dit veld ontbreekt.",
      "Dit veld heeft een ongeldige vorm.",
      "Vul dit veld in.",
      "Hooguit 3 tekens.",
      "Kies een geldige waarde.",
      "Kies een geldige waarde.",
      "Vul een geldig e-mailadres in.",
      "Vul dit veld in.",
    ]);
  });

  it("keeps the messages the schemas give themselves", () => {
    const r = inviteSchema.safeParse({ email: "x", role: "baas" });
    expect(r.error!.issues.map((i) => i.message)).toEqual(["Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl.", "Kies een rol."]);
  });
});
