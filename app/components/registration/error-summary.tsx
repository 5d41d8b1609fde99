import { useEffect, useRef } from 'react';

/**
 * The form's problem, announced (role=alert) and where the person is: after each failed
 * submission, focus moves to the first field in error, or to this summary when the problem is
 * not one field's ("you have already applied", "too many applications", "busy").
 * `attempt` changes with every answer from the server (the action data object).
 */
export function ErrorSummary({ message, attempt }: { message: string | undefined; attempt: unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!message || !ref.current) return;
    const form = ref.current.closest('main')?.querySelector('form');
    const field = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target = field ?? ref.current;
    target.focus();
    target.scrollIntoView?.({ block: 'center' });
  }, [message, attempt]);
  if (!message) return null;
  return (
    <div ref={ref} className="notice error" role="alert" tabIndex={-1}>
      {message}
    </div>
  );
}
