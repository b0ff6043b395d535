/**
 * The cost curve: how much one more instance costs as a stack grows. The file backend rewrites the whole state file
 * after every step, so an added instance costs more in a large stack than in a small one; the marginal time between
 * one measured size and the next shows where splitting a stack starts to pay.
 */
import type { FleetCommand, FleetFigures } from "./fleet-bench.js";

/** The commands the curve measures: refresh is left out at the large sizes to save time. */
export const CURVE_COMMANDS = ["up", "preview", "destroy"] as const satisfies readonly FleetCommand[];

/** One provider's figures at one size of the curve. */
export interface CurveSide {
  readonly wallMs: number;
  /** Wall time ÷ instances: start-up included, so it falls as the fleet grows until the per-step cost dominates. */
  readonly perInstanceMs: number;
  /** (wall − the previous size's wall) ÷ (size − the previous size); NaN at the first size. */
  readonly marginalMs: number;
  /** The state file after `up`. */
  readonly stateBytes: number;
}

export interface CurvePoint {
  readonly size: number;
  readonly provider: CurveSide;
  /** The minimal provider at the same size; NaN throughout when it was not measured there. */
  readonly floor: CurveSide;
  /** Provider ÷ minimal of the marginal time; NaN at the first size, or where either is ≤ 0 (noise, not a cost). */
  readonly marginalRatio: number;
}

/** The fleets of several lists, one per size (a later list's fleet replaces an earlier one's), smallest first. */
export function bySize(...lists: ReadonlyArray<readonly FleetFigures[]>): FleetFigures[] {
  const fleets = new Map<number, FleetFigures>();
  for (const fleet of lists.flat()) {
    fleets.set(fleet.size, fleet);
  }
  return [...fleets.values()].sort((a, b) => a.size - b.size);
}

function side(fleets: readonly FleetFigures[], size: number, command: FleetCommand): CurveSide {
  const index = fleets.findIndex((fleet) => fleet.size === size);
  const fleet = fleets[index];
  const wallOf = (item: FleetFigures | undefined) => {
    const figures = item?.commands[command];
    return figures?.ok === true ? figures.wallMs : Number.NaN;
  };
  const wallMs = wallOf(fleet);
  const previous = index > 0 ? fleets[index - 1] : undefined;
  return {
    wallMs,
    perInstanceMs: wallMs / size,
    marginalMs: previous === undefined ? Number.NaN : (wallMs - wallOf(previous)) / (size - previous.size),
    stateBytes: fleet?.stateBytes ?? Number.NaN,
  };
}

/** The curve of one command at the provider's sizes (each list as `bySize` returns it: one fleet per size, sorted). */
export function costCurve(
  fleets: readonly FleetFigures[],
  floorFleets: readonly FleetFigures[],
  command: FleetCommand,
): CurvePoint[] {
  return fleets.map((fleet) => {
    const provider = side(fleets, fleet.size, command);
    const floor = side(floorFleets, fleet.size, command);
    return {
      size: fleet.size,
      provider,
      floor,
      marginalRatio:
        provider.marginalMs > 0 && floor.marginalMs > 0 ? provider.marginalMs / floor.marginalMs : Number.NaN,
    };
  });
}
