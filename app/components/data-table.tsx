// Every staff table: named by its caption, and inside a region that scrolls sideways on a phone
// (never the page) which a keyboard can reach and a screen reader names (axe
// scrollable-region-focusable). The table's rows are the page's own markup.
import { useId, type ReactNode } from 'react';

/** `label` names the scrolling region when it should read shorter than the caption (a report's section). */
export function DataTable({ caption, captionHidden, label, className, children }: { caption: string; captionHidden?: boolean; label?: string; className?: string; children: ReactNode }) {
  const id = useId();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label} aria-labelledby={label ? undefined : id}>
      <table className={className}>
        <caption id={id} className={captionHidden ? 'visually-hidden' : undefined}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}
