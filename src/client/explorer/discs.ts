/**
 * Discs of nodes kept apart: the scaffold layout's groups and the spread of stacked nodes both place
 * their members on discs, push overlapping discs apart, then lay each disc's members on a sunflower.
 */

export const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

export interface Disc {
  x: number;
  y: number;
  r: number;
  /** A fixed disc stays put; the other disc of an overlapping pair moves the whole way. */
  fixed?: boolean;
}

export interface Separation {
  /** Space left between two discs. */
  gap: number;
  /** Rounds at least and at most; fewer on big views, so the work stays near `work` pair checks. */
  minRounds: number;
  maxRounds: number;
  work: number;
}

/** Pushes overlapping discs apart until none overlaps or the rounds run out. */
export function separateDiscs(discs: Disc[], { gap, minRounds, maxRounds, work }: Separation): void {
  const rounds = Math.max(minRounds, Math.min(maxRounds, Math.floor(work / Math.max(1, discs.length * discs.length))));
  for (let round = 0; round < rounds; round++) {
    let moved = false;
    for (let i = 0; i < discs.length; i++) {
      const a = discs[i]!;
      for (let j = i + 1; j < discs.length; j++) {
        const b = discs[j]!;
        if (a.fixed && b.fixed) continue;
        let dx = b.x - a.x;
        let dy = b.y - a.y;
        let d = Math.hypot(dx, dy);
        const min = a.r + b.r + gap;
        if (d >= min) continue;
        if (d < 1e-6) {
          // Discs on the same spot part in a direction that differs from pair to pair.
          const angle = (i * 7 + j * 13) * GOLDEN_ANGLE;
          dx = Math.cos(angle);
          dy = Math.sin(angle);
          d = 1;
        }
        const overlap = min - d;
        const [shareA, shareB] = a.fixed ? [0, 1] : b.fixed ? [1, 0] : [0.5, 0.5];
        a.x -= (dx / d) * overlap * shareA;
        a.y -= (dy / d) * overlap * shareA;
        b.x += (dx / d) * overlap * shareB;
        b.y += (dy / d) * overlap * shareB;
        moved = true;
      }
    }
    if (!moved) break;
  }
}

/** The i-th point of a sunflower around a centre: the first in the centre, the rest spiralling out. */
export function sunflowerPoint(centre: { x: number; y: number }, i: number, spacing: number): { x: number; y: number } {
  const r = spacing * Math.sqrt(i);
  return { x: centre.x + r * Math.cos(i * GOLDEN_ANGLE), y: centre.y + r * Math.sin(i * GOLDEN_ANGLE) };
}
