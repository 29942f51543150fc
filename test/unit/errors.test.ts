// One user-facing error class (issue 14): what a route shows and answers for a refused action.
import { describe, expect, it } from "vitest";
import { formErrors, UserError, userMessage } from "../../app/domain/errors.ts";

describe("UserError", () => {
  it("keeps the Dutch message, the code and a status (409 unless said)", () => {
    const err = new UserError("Deze ronde is al gesloten.", "closed");
    expect(err).toBeInstanceOf(Error);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe("Deze ronde is al gesloten.");
    expect(err.code).toBe("closed");
    expect(err.status).toBe(409);
    expect(err.field).toBeUndefined();
    expect(err.details).toEqual(["Deze ronde is al gesloten."]);
    expect(err.name).toBe("UserError");

    const gone = new UserError("Deze versie bestaat niet.", "report", { status: 404 });
    expect(gone.status).toBe(404);
    const several = new UserError("De import is niet uitgevoerd: a; b.", "validation", { details: ["a", "b"] });
    expect(several.details).toEqual(["a", "b"]);
  });

  it("maps to form errors: under its field, or under _form", () => {
    expect(formErrors(new UserError("Kies een versie.", "report", { field: "versionId", status: 400 }))).toEqual({ versionId: "Kies een versie." });
    expect(formErrors(new UserError("Dit onderzoek bestaat niet (meer).", "report"))).toEqual({ _form: "Dit onderzoek bestaat niet (meer)." });
    expect(formErrors(new UserError("Vul een termijn in.", "deadline", { field: "deadline" }), { alsoForm: true })).toEqual({
      _form: "Vul een termijn in.",
      deadline: "Vul een termijn in.",
    });
    expect(formErrors(new UserError("Gesloten.", "closed", { field: "_form" }), { alsoForm: true })).toEqual({ _form: "Gesloten." });
  });

  it("shows its own sentence, and never the text of another error", () => {
    expect(userMessage(new UserError("U kunt alleen uw eigen opmerkingen verwijderen.", "validation"), "Er ging iets mis.")).toBe(
      "U kunt alleen uw eigen opmerkingen verwijderen.",
    );
    expect(userMessage(new Error("relation \"users\" does not exist"), "Er ging iets mis.")).toBe("Er ging iets mis.");
    expect(userMessage("boom", "Er ging iets mis.")).toBe("Er ging iets mis.");
  });
});
