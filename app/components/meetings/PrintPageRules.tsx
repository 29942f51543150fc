// The paper's page rules for a print view: A4 landscape (or portrait), the title top left, the
// version top right and "Pagina 3 van 9" bottom right on every page (CSS @page margin boxes).
// The title is user text, so it is written as an escaped CSS string.

/** A CSS string literal that cannot end the string, the rule or the <style> element. */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"<>\n\r\f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/** Rules for the default page and the named page "wide" (always landscape, for wide tables). */
export function pageRules(opts: { title: string; version: string; landscape: boolean }): string {
  const boxes = `
  @top-left { content: ${cssString(opts.title)}; font: 8pt sans-serif; color: #333; }
  @top-right { content: ${cssString(opts.version)}; font: 8pt sans-serif; color: #333; }
  @bottom-left { content: "Ketenlijn · vertrouwelijk"; font: 8pt sans-serif; color: #555; }
  @bottom-right { content: "Pagina " counter(page) " van " counter(pages); font: 8pt sans-serif; color: #333; }`;
  return `@page { size: A4 ${opts.landscape ? "landscape" : "portrait"}; margin: 16mm 12mm 14mm;${boxes}
}
@page wide { size: A4 landscape; margin: 16mm 12mm 14mm;${boxes}
}`;
}

export function PrintPageRules(props: { title: string; version: string; landscape?: boolean }) {
  return <style>{pageRules({ title: props.title, version: props.version, landscape: props.landscape ?? true })}</style>;
}
