// PRISMA-profiel: how the classified root causes spread over ECM main groups and codes, as a bar
// chart with text labels (so it reads without colour) and the same numbers as tables.
import { analysisProfile, ecmCatalog, formatShare, type ResolvedTree } from "~/domain/analysis/index.ts";
import { GROUP_COLORS } from "~/domain/analysis/visual.ts";

interface Bar {
  key: string;
  label: string;
  count: number;
  share: number;
  color: string;
}

function BarChart({ bars, title, id }: { bars: readonly Bar[]; title: string; id: string }) {
  const rowH = 28;
  const labelW = 270;
  const barW = 220;
  const width = labelW + barW + 80;
  const height = bars.length * rowH + 8;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const summary = bars.map((b) => `${b.label}: ${b.count} (${formatShare(b.share)})`).join("; ");
  return (
    <figure className="profile-figure">
      <figcaption id={`${id}-cap`}>{title}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="img"
        aria-labelledby={`${id}-cap`}
        aria-describedby={`${id}-desc`}
        className="profile-chart"
      >
        <desc id={`${id}-desc`}>{summary}</desc>
        {bars.map((b, i) => {
          const y = 4 + i * rowH;
          const w = (b.count / max) * barW;
          return (
            <g key={b.key} transform={`translate(0,${y})`}>
              <text x={labelW - 8} y={17} textAnchor="end" className="profile-chart__label">
                {b.label.length > 38 ? `${b.label.slice(0, 37)}…` : b.label}
              </text>
              <rect x={labelW} y={4} width={barW} height={18} fill="#eef1f4" />
              <rect x={labelW} y={4} width={Math.max(b.count ? 2 : 0, w)} height={18} fill={b.color} />
              <text x={labelW + Math.max(w, 0) + 6} y={17} className="profile-chart__value">
                {b.count} ({formatShare(b.share)})
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export function ProfileSection({ tree, headingId }: { tree: ResolvedTree; headingId: string }) {
  const profile = analysisProfile(tree);
  const usedCodes = profile.codes.filter((c) => c.count > 0);
  const groupBars: Bar[] = profile.groups.map((g) => ({ key: g.group, label: g.label, count: g.count, share: g.share, color: GROUP_COLORS[g.group] }));
  const codeBars: Bar[] = usedCodes.map((c) => ({
    key: c.code,
    label: `${c.code} – ${c.label}`,
    count: c.count,
    share: c.share,
    color: GROUP_COLORS[c.group],
  }));
  return (
    <div className="profile">
      <h2 id={headingId}>PRISMA-profiel</h2>
      <p className="muted">
        {profile.total === 0
          ? "Nog geen basisoorzaken. Het profiel verschijnt zodra basisoorzaken een ECM-code hebben."
          : `${profile.classified} van ${profile.total} basisoorzaken geclassificeerd${profile.unclassified ? `; ${profile.unclassified} nog zonder code` : ""}. Aandelen zijn berekend over de geclassificeerde basisoorzaken.`}
      </p>
      {profile.unknownCodes.length ? (
        <p className="alert alert--warn">
          Onbekende codes (tellen niet mee): {profile.unknownCodes.map((u) => `${u.code} (${u.count})`).join(", ")}.
        </p>
      ) : null}
      {profile.classified > 0 ? (
        <>
          <div className="profile-charts">
            <BarChart bars={groupBars} title="Per hoofdgroep" id={`${headingId}-groups`} />
            <BarChart bars={codeBars} title="Per ECM-code (gebruikte codes)" id={`${headingId}-codes`} />
          </div>
          <div className="profile-tables">
            <table>
              <caption>PRISMA-profiel per hoofdgroep</caption>
              <thead>
                <tr>
                  <th scope="col">Hoofdgroep</th>
                  <th scope="col" className="num">
                    Aantal
                  </th>
                  <th scope="col" className="num">
                    Aandeel
                  </th>
                </tr>
              </thead>
              <tbody>
                {profile.groups.map((g) => (
                  <tr key={g.group}>
                    <th scope="row">{g.label}</th>
                    <td className="num">{g.count}</td>
                    <td className="num">{formatShare(g.share)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Totaal geclassificeerd</th>
                  <td className="num">{profile.classified}</td>
                  <td className="num">100%</td>
                </tr>
              </tfoot>
            </table>
            <table>
              <caption>PRISMA-profiel per ECM-code</caption>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Omschrijving</th>
                  <th scope="col">Hoofdgroep</th>
                  <th scope="col" className="num">
                    Aantal
                  </th>
                  <th scope="col" className="num">
                    Aandeel
                  </th>
                </tr>
              </thead>
              <tbody>
                {profile.codes.map((c) => (
                  <tr key={c.code} className={c.count ? undefined : "row--zero"}>
                    <th scope="row">{c.code}</th>
                    <td>{c.label}</td>
                    <td>{ecmCatalog.groupById.get(c.group)?.label}</td>
                    <td className="num">{c.count}</td>
                    <td className="num">{formatShare(c.share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}
