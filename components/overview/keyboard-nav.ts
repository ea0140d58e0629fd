/**
 * Arrow-key movement between the overview's maps: left and right change column, up and
 * down change channel, Home and End jump to the first and last column. Pure.
 */
export interface MapPosition {
  column: number;
  channel: number;
}

export function moveFocus(counts: readonly number[], at: MapPosition, key: string): MapPosition | null {
  const clampChannel = (column: number, channel: number) => Math.max(0, Math.min(counts[column] - 1, channel));
  /** Keeps the reader's place when columns differ in length (3 input maps beside 10). */
  const carry = (from: number, to: number, channel: number) => {
    if (counts[from] === counts[to]) return channel;
    return clampChannel(to, Math.round((channel / Math.max(1, counts[from] - 1)) * (counts[to] - 1)));
  };
  const last = counts.length - 1;
  switch (key) {
    case 'ArrowUp':
      return { column: at.column, channel: clampChannel(at.column, at.channel - 1) };
    case 'ArrowDown':
      return { column: at.column, channel: clampChannel(at.column, at.channel + 1) };
    case 'ArrowLeft':
      return at.column > 0 ? { column: at.column - 1, channel: carry(at.column, at.column - 1, at.channel) } : at;
    case 'ArrowRight':
      return at.column < last ? { column: at.column + 1, channel: carry(at.column, at.column + 1, at.channel) } : at;
    case 'Home':
      return { column: 0, channel: carry(at.column, 0, at.channel) };
    case 'End':
      return { column: last, channel: carry(at.column, last, at.channel) };
    default:
      return null;
  }
}
