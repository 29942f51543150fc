// 4e attachments: recognised by content, never by name; clean names with the right extension.
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { attachmentFilename, checkAttachment, sniffAttachment } from "../../app/domain/report/attachments.ts";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("sniffAttachment", () => {
  it("knows PDF, DOCX and ODT by their content", async () => {
    expect(sniffAttachment(bytes("%PDF-1.7\n..."))).toBe("pdf");
    const docx = new JSZip();
    docx.file("[Content_Types].xml", "<Types/>");
    docx.file("word/document.xml", "<w:document/>");
    expect(sniffAttachment(await docx.generateAsync({ type: "uint8array" }))).toBe("docx");
    const odt = new JSZip();
    odt.file("mimetype", "application/vnd.oasis.opendocument.text", { compression: "STORE" });
    odt.file("content.xml", "<x/>");
    expect(sniffAttachment(await odt.generateAsync({ type: "uint8array" }))).toBe("odt");
  });

  it("refuses programs, scripts, other zips and spreadsheets whatever they are called", async () => {
    expect(sniffAttachment(bytes("MZ\x90\x00"))).toBeNull();
    expect(sniffAttachment(bytes("<html><script>alert(1)</script>"))).toBeNull();
    const zip = new JSZip();
    zip.file("payload.js", "x");
    expect(sniffAttachment(await zip.generateAsync({ type: "uint8array" }))).toBeNull();
    const ods = new JSZip();
    ods.file("mimetype", "application/vnd.oasis.opendocument.spreadsheet", { compression: "STORE" });
    expect(sniffAttachment(await ods.generateAsync({ type: "uint8array" }))).toBeNull();
    expect(checkAttachment("protocol.pdf", bytes("MZ\x90\x00"))).toEqual({ ok: false, message: expect.stringContaining("geen PDF-") });
  });
});

describe("attachmentFilename", () => {
  it("keeps the name, drops path and control characters, and gives the content's extension", () => {
    expect(attachmentFilename("Protocol meldcode.pdf", "pdf")).toBe("Protocol meldcode.pdf");
    expect(attachmentFilename("..\\..\\etc/passwd\u0000.exe", "pdf")).toBe("etc passwd.pdf");
    expect(attachmentFilename("werkinstructie.odt", "docx")).toBe("werkinstructie.docx");
    expect(attachmentFilename("   ", "odt")).toBe("Protocol.odt");
  });
});
