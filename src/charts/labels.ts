/**
 * Placing point labels so that they overlap neither each other nor the points: for each point in
 * turn, the first of the positions around it (right, upper right, lower right, left, ..., then
 * the same a line and two lines further out) whose box stays inside the plot and clear of the
 * points and the labels placed so far; if none is clear, the least covered (points count 4 times). Pixel
 * coordinates, y down. Text widths are estimated (0.62 em per character, a little wider than
 * DejaVu Sans and most sans-serif faces), so boxes err on the side of room.
 */

export interface LabelPoint {
  /** Point centre, px from the plot's left and top. */
  readonly x: number;
  readonly y: number;
  readonly text: string;
}

export interface PlacedLabel {
  /** Anchor of the text, px; the text is vertically centred on `y`. */
  readonly x: number;
  readonly y: number;
  readonly align: 'left' | 'right' | 'center';
  /** Where a leader line from the point should end, when the label sits away from its point. */
  readonly leader?: { readonly x: number; readonly y: number };
}

interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

const overlap = (a: Box, b: Box): number => Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));

export function placeLabels(points: readonly LabelPoint[], width: number, height: number, fontSize = 11, radius = 8): PlacedLabel[] {
  const h = fontSize * 1.25;
  const gap = radius + 4;
  const obstacles: Box[] = points.map((p) => ({ x0: p.x - radius, y0: p.y - radius, x1: p.x + radius, y1: p.y + radius }));
  const placed: PlacedLabel[] = [];
  for (const p of points) {
    const w = 0.62 * fontSize * p.text.length;
    const candidates: PlacedLabel[] = [];
    for (const ring of [0, 1, 2]) {
      const far = ring * (h + 2);
      candidates.push(
        { x: p.x + gap, y: p.y - far, align: 'left' },
        { x: p.x + gap, y: p.y + far, align: 'left' },
        { x: p.x + radius, y: p.y - gap - h / 2 + 4 - far, align: 'left' },
        { x: p.x + radius, y: p.y + gap + h / 2 - 4 + far, align: 'left' },
        { x: p.x - gap, y: p.y - far, align: 'right' },
        { x: p.x - gap, y: p.y + far, align: 'right' },
        { x: p.x - radius, y: p.y - gap - h / 2 + 4 - far, align: 'right' },
        { x: p.x - radius, y: p.y + gap + h / 2 - 4 + far, align: 'right' },
        { x: p.x, y: p.y - gap - h / 2 - far, align: 'center' },
        { x: p.x, y: p.y + gap + h / 2 + far, align: 'center' },
      );
    }
    const boxOf = (c: PlacedLabel): Box => {
      const x0 = c.align === 'left' ? c.x : c.align === 'right' ? c.x - w : c.x - w / 2;
      return { x0, y0: c.y - h / 2, x1: x0 + w, y1: c.y + h / 2 };
    };
    let best: PlacedLabel | undefined;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const c of candidates) {
      const b = boxOf(c);
      const outside = Math.max(0, -b.x0) + Math.max(0, b.x1 - width) + Math.max(0, -b.y0) + Math.max(0, b.y1 - height);
      const cost = obstacles.reduce((a, o, i) => a + overlap(b, o) * (i < points.length ? 4 : 1), 0) + outside * h * 4 + candidates.indexOf(c) * 0.01;
      if (cost < bestCost - 1e-9) {
        best = c;
        bestCost = cost;
        if (cost === 0) break;
      }
    }
    const chosen = best ?? { x: p.x + gap, y: p.y, align: 'left' as const };
    const far = Math.abs(chosen.y - p.y) > gap + h / 2 + 2;
    const end = { x: chosen.x, y: chosen.align === 'center' ? chosen.y + (chosen.y > p.y ? -h / 2 : h / 2) : chosen.y };
    placed.push(far ? { ...chosen, leader: end } : chosen);
    obstacles.push(boxOf(chosen));
  }
  return placed;
}
