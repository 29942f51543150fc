import { ROUND_STATES, type RoundState } from "~/domain/rounds/kinds.ts";

export function RoundStateBadge({ state }: { state: RoundState }) {
  return (
    <span className={`badge badge--${state}-round`} data-round-state={state}>
      {ROUND_STATES[state]}
    </span>
  );
}
