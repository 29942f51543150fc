// The chart (vis-timeline) is loaded lazily on the client only: the server never loads vis, and
// the table is usable before the chart's code has arrived. A failure of the chart leaves the table;
// when its code could not be fetched (offline), it says so, offers a retry, and retries by itself
// when the browser is back online.
import { Component, Suspense, lazy, useMemo, useState, type ComponentType, type ReactNode } from "react";
import type { ChartEvent, ChartParty, ChartPeriod, TimelineChartProps } from "../timeline/TimelineChart.tsx";

export type { ChartEvent, ChartParty, ChartPeriod, TimelineChartProps };

const loadChart = () => import("../timeline/TimelineChart.tsx");
// React.lazy keeps a rejected import for good: a retry needs a fresh lazy component.
const lazyChart = () => lazy(loadChart) as ComponentType<TimelineChartProps>;

class ChartBoundary extends Component<{ children: ReactNode; onRetry: () => void }, { failed: boolean; offline: boolean }> {
  state = { failed: false, offline: false };
  static getDerivedStateFromError() {
    return { failed: true, offline: typeof navigator !== "undefined" && navigator.onLine === false };
  }
  componentDidMount() {
    window.addEventListener("online", this.retry);
  }
  componentWillUnmount() {
    window.removeEventListener("online", this.retry);
  }
  retry = () => {
    if (!this.state.failed) return;
    this.setState({ failed: false, offline: false });
    this.props.onRetry();
  };
  render() {
    if (this.state.failed) {
      return (
        <div className="ws-chart__placeholder" role="status" data-chart-failed={this.state.offline ? "offline" : "error"}>
          <p>
            {this.state.offline
              ? "Geen verbinding: de grafische tijdlijn kon niet worden geladen. Zodra er weer verbinding is, wordt hij opnieuw geladen. Alle feiten staan in de tabel hieronder."
              : "De grafische tijdlijn kon niet worden getoond. Alle feiten staan in de tabel hieronder."}
          </p>
          <button type="button" className="button button--secondary" onClick={this.retry}>
            Opnieuw proberen
          </button>
        </div>
      );
    }
    return this.props.children;
  }
}

export function TimelineChartPanel(props: TimelineChartProps) {
  const height = props.height ?? 320;
  const [attempt, setAttempt] = useState(0);
  // A new lazy component per attempt.
  const LazyChart = useMemo(lazyChart, [attempt]);
  return (
    <ChartBoundary key={attempt} onRetry={() => setAttempt((n) => n + 1)}>
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
