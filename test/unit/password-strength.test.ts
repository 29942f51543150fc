import { describe, expect, it } from "vitest";
import { checkPassword, MIN_PASSWORD_LENGTH } from "../../app/domain/password-strength.ts";
import { dutchDuration, tooManyAttemptsMessage, waitSeconds } from "../../app/domain/login-throttle.ts";

describe("checkPassword", () => {
  it("refuses anything shorter than 12 characters, with a Dutch message", () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
    expect(checkPassword("Xq7#pL9!vR2")).toEqual({ ok: false, message: "Kies een wachtwoord van minstens 12 tekens." });
  });

  it.each(["wachtwoord123", "password1234", "qwertyuiop12", "welkom123456", "123456789012", "aaaaaaaaaaaa"])(
    "refuses the common or patterned %s with a Dutch explanation",
    (password) => {
      const result = checkPassword(password);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.message).toMatch(/^Dit wachtwoord is te makkelijk te raden\. /);
      expect(result.message).not.toMatch(/[a-z][A-Z][a-z]+\b/); // no untranslated feedback keys such as similarToCommon
    },
  );

  it("refuses a password built from the user's own name and e-mail address", () => {
    expect(checkPassword("gerdagebruiker", ["Gerda Gebruiker", "gerda@example.nl"]).ok).toBe(false);
    expect(checkPassword("ketenlijnketenlijn").ok).toBe(false);
  });

  it.each(["lange-zinnen-zijn-sterk", "nieuw-en-lang-genoeg-2026", "een-lang-wachtwoord", "mijn-eigen-wachtwoord", "paard batterij nietje correct"])(
    "accepts the passphrase %s",
    (password) => {
      expect(checkPassword(password).ok).toBe(true);
    },
  );

  it("refuses more than 200 characters", () => {
    expect(checkPassword("lange zin ".repeat(21))).toEqual({ ok: false, message: "Hooguit 200 tekens." });
  });
});

describe("login throttle", () => {
  it("waits nothing for the first failures, then doubles from 2 seconds up to an hour", () => {
    expect([0, 4].map((n) => waitSeconds(n, 5))).toEqual([0, 0]);
    expect([5, 6, 7, 8].map((n) => waitSeconds(n, 5))).toEqual([2, 4, 8, 16]);
    expect(waitSeconds(40, 5)).toBe(3600);
  });

  it("says in Dutch how long to wait, rounded up", () => {
    expect(dutchDuration(1)).toBe("1 seconde");
    expect(dutchDuration(0.2)).toBe("1 seconde");
    expect(dutchDuration(32)).toBe("32 seconden");
    expect(dutchDuration(60)).toBe("1 minuut");
    expect(dutchDuration(61)).toBe("2 minuten");
    expect(tooManyAttemptsMessage(4)).toBe("Te veel mislukte pogingen. Wacht 4 seconden en probeer het dan opnieuw, of herstel uw wachtwoord.");
  });
});
