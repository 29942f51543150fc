import { describe, expect, it } from "vitest";
import { isUuid } from "../../app/domain/uuid.ts";

describe("isUuid: the one check for ids from URLs and forms", () => {
  it("accepts a uuid in either case", () => {
    expect(isUuid("0f8fad5b-d9cb-469f-a165-70867728950e")).toBe(true);
    expect(isUuid("0F8FAD5B-D9CB-469F-A165-70867728950E")).toBe(true);
  });
  it("refuses anything else, so a bad URL answers 'not found' before any query", () => {
    for (const bad of ["", "0f8fad5b", "0f8fad5b-d9cb-469f-a165-70867728950", "0f8fad5b-d9cb-469f-a165-70867728950e ", "../etc/passwd", "x0f8fad5b-d9cb-469f-a165-70867728950e", null, undefined, 42]) {
      expect(isUuid(bad)).toBe(false);
    }
  });
});
