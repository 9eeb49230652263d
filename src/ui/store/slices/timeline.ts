// Timeline slice: the session's end, its markers and the input log (kept for crash recovery).
import type { TimelineMsg } from '../../../protocol/messages.ts';
import type { InputEntry, ScenarioName, TimelineMarker } from '../types.ts';

export interface TimelineSlice {
  endMs: number;
  markers: readonly TimelineMarker[];
  inputs: readonly InputEntry[];
  scenario: ScenarioName;
}

export function initialTimeline(scenario: ScenarioName): TimelineSlice {
  return { endMs: 0, markers: [], inputs: [], scenario };
}

/** The slice after a timeline message from the host. */
export function applyTimeline(m: TimelineMsg): TimelineSlice {
  return { endMs: m.endMs, markers: m.markers, inputs: m.inputs, scenario: m.scenario };
}
