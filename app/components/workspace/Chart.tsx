// The chart (vis-timeline) is loaded lazily on the client only: the server never loads vis, and
// the table is usable before the chart's code has arrived. A failure of the chart leaves the table.
import { Component, Suspense, lazy, type ReactNode } from "react";
import type { ChartEvent, ChartParty, ChartPeriod, TimelineChartProps } from "../timeline/TimelineChart.tsx";

export type { ChartEvent, ChartParty, ChartPeriod, TimelineChartProps };

const LazyChart = lazy(() => import("../timeline/TimelineChart.tsx"));

class ChartBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    if (this.state.failed) {
      return (
        <p className="ws-chart__placeholder" role="status">
          De grafische tijdlijn kon niet worden getoond. Alle feiten staan in de tabel hieronder.
        </p>
      );
    }
    return this.props.children;
  }
}

export function TimelineChartPanel(props: TimelineChartProps) {
  const height = props.height ?? 320;
  return (
    <ChartBoundary>
      <Suspense
        fallback={
          <p className="ws-chart__placeholder" style={{ minHeight: height }} aria-busy="true">
            Tijdlijn laden…
          </p>
        }
      >
        <LazyChart {...props} />
      </Suspense>
    </ChartBoundary>
  );
}
