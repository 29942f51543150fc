// "Voor de bijeenkomst": print, export and present the timeline or the analysis (issue 12).
// Plain links: every file is a download from the server (members only, audited there).

const POSTERS = [
  { query: "formaat=A0", label: "A0" },
  { query: "formaat=A3", label: "A3" },
  { query: "formaat=A0&delen=A4", label: "A0 op A4-vellen" },
  { query: "formaat=A3&delen=A4", label: "A3 op A4-vellen" },
];

export function TimelineMeetingLinks({ investigationId }: { investigationId: string }) {
  const base = `/onderzoeken/${investigationId}`;
  return (
    <nav className="meeting-links" aria-label="Tijdlijn voor de bijeenkomst">
      <span className="meeting-links__label">Voor de bijeenkomst:</span>
      <a href={`${base}/tijdlijn/presentatie`}>Presenteren</a>
      <a href={`${base}/tijdlijn/afdruk`}>Afdrukken (feitenrelaas)</a>
      <span>
        Exporteren: <a href={`${base}/export/tijdlijn.xlsx`} download>Excel (.xlsx)</a>, <a href={`${base}/export/tijdlijn.csv`} download>CSV</a>
      </span>
      <span>
        Poster (PDF):{" "}
        {POSTERS.map((p, i) => (
          <span key={p.query}>
            {i > 0 ? ", " : ""}
            <a href={`${base}/export/poster.pdf?${p.query}`} download>
              {p.label}
            </a>
          </span>
        ))}
      </span>
    </nav>
  );
}

export function AnalysisMeetingLinks({ investigationId }: { investigationId: string }) {
  const base = `/onderzoeken/${investigationId}`;
  return (
    <nav className="meeting-links" aria-label="Analyse voor de bijeenkomst">
      <span className="meeting-links__label">Voor de bijeenkomst:</span>
      <a href={`${base}/analyse/afdruk`}>Afdrukken (boom, profiel, maatregelen)</a>
      <span>
        Exporteren (CSV): <a href={`${base}/export/oorzaken.csv`} download>oorzaken</a>, <a href={`${base}/export/maatregelen.csv`} download>maatregelen</a>
      </span>
    </nav>
  );
}
