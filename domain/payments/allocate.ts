// How a received amount is spread over a checkout's lines (pure).

export interface LineAmount {
  id: string;
  amountMinor: number;
}

/**
 * Spreads a received amount over the lines, in order, each up to its own amount; anything
 * left over goes to the first line that can take it (a registration line when there is one,
 * so an overpayment becomes a refund due there). A short payment pays the first lines first.
 * Zero allocations are left out. The result always adds up to `receivedMinor`.
 */
export function allocate(lines: LineAmount[], receivedMinor: number, overflowLineId?: string): { id: string; amountMinor: number }[] {
  if (lines.length === 0 || receivedMinor <= 0) return [];
  let left = receivedMinor;
  const result = lines.map((line) => {
    const take = Math.min(line.amountMinor, left);
    left -= take;
    return { id: line.id, amountMinor: take };
  });
  if (left > 0) {
    const target = result.find((r) => r.id === overflowLineId) ?? result[0]!;
    target.amountMinor += left;
  }
  return result.filter((r) => r.amountMinor > 0);
}
