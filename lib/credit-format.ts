// Credit amounts as people read them, on pages and in PDFs alike (no PDF code: pages import it).

/** Formats a credit amount as printed: 19.25, 19.5, 19. */
export function formatCredit(credit: number): string {
  return Number.isInteger(credit) ? String(credit) : credit.toFixed(2).replace(/0$/, '');
}
