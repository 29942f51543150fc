import { describe, expect, it } from "vitest";
import { functionAndInitials, initialsOf } from "../../app/domain/privacy/initials.ts";

describe("initialsOf", () => {
  it("takes the first letter of every part, particles in lower case", () => {
    expect(initialsOf("Anna de Wit")).toBe("A.d.W.");
    expect(initialsOf("Karin van der Lam")).toBe("K.v.d.L.");
    expect(initialsOf("Jan-Willem Öztürk")).toBe("J.W.Ö.");
  });
  it("keeps names that already are initials", () => {
    expect(initialsOf("J. de Vries")).toBe("J.d.V.");
    expect(initialsOf("A.B. Jansen")).toBe("A.B.J.");
    expect(initialsOf("  ")).toBe("");
  });
});

describe("functionAndInitials", () => {
  it("puts the initials after the function, or either alone", () => {
    expect(functionAndInitials("nabestaande", "Anna de Wit")).toBe("nabestaande (A.d.W.)");
    expect(functionAndInitials("", "Anna de Wit")).toBe("A.d.W.");
    expect(functionAndInitials("vader", "")).toBe("vader");
  });
});
