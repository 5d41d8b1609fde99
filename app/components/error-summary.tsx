import { useEffect, useId, useRef, type MouseEvent, type ReactNode } from 'react';
import { fieldAnchor } from '#app/components/field.tsx';
import { t } from '#lib/i18n.ts';

/**
 * What went wrong with a form, at the top of the page, in the GOV.UK error-summary pattern: a
 * box titled "There is a problem", the problem itself (role=alert), and a link to each field
 * in error. A link shows the field's label and is described by the field's own message (its
 * `-error` element), so a screen reader says "Email, link, Enter a valid email address." while
 * the message is written once on the page, beside its field.
 *
 * Focus rule, the same on every form: after every failed submission, whether the browser's
 * check or the server's answer refused it, focus moves to the summary's problem line and the
 * summary scrolls into view, however many fields are in error (none: "you have already
 * applied"; one; several). The person hears the problem at once, the links follow it, and each
 * field also carries its own message (aria-describedby). Without JavaScript the server renders
 * the summary at the top of the new page with `autofocus`.
 *
 * - `message`: the form-level problem from the server ("you have already applied", "busy"); with
 *   field errors and no message it says "Please correct the highlighted fields.".
 * - `errors`: the field errors the page shows.
 * - `labels`: field name → label, in the form's order. The errors of these fields are listed as
 *   links to `#field-<name>` (the control's id while in error, see `fieldAnchor`); an error of a
 *   field not named here (a hidden input) is not linked, since there is nothing to link to.
 * - `attempt`: changes with every answer from the server (pass the action data object), so a
 *   second identical refusal moves focus again. Refusals in the browser focus the summary from
 *   `useSchemaForm`.
 * - `children`: details that belong to the problem and are not fields (the lines of a CSV file).
 *
 * One summary per page: the page's forms share it (only the form that was sent has errors).
 */
export function ErrorSummary({
  message,
  errors,
  labels,
  attempt,
  children,
}: {
  message?: string;
  errors?: Readonly<Record<string, string | undefined>>;
  labels?: Readonly<Record<string, string>>;
  attempt: unknown;
  children?: ReactNode;
}) {
  const problem = useRef<HTMLDivElement>(null);
  const listId = useId();
  const links = Object.entries(labels ?? {}).flatMap(([name, label]) => (errors?.[name] ? [{ name, label }] : []));
  const anyFieldError = Object.values(errors ?? {}).some(Boolean);
  const text = message || (anyFieldError ? t('form.fixErrors') : undefined);

  useEffect(() => {
    if (attempt !== undefined && problem.current) moveFocusTo(problem.current);
  }, [attempt]);

  if (!text) return null;
  return (
    <div className="notice error error-summary" data-error-summary="">
      <h2 className="error-summary-title">{t('form.errorSummaryTitle')}</h2>
      <div ref={problem} role="alert" tabIndex={-1} autoFocus aria-describedby={links.length > 0 ? listId : undefined} className="error-summary-problem">
        {text}
        {children}
      </div>
      {links.length > 0 ? (
        <ul id={listId} className="error-summary-list">
          {links.map((l) => (
            <li key={l.name}>
              <a href={`#${fieldAnchor(l.name)}`} aria-describedby={`${fieldAnchor(l.name)}-error`} onClick={(event) => focusField(event, l.name)}>
                {l.label}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function moveFocusTo(problem: HTMLElement) {
  problem.focus({ preventScroll: true });
  (problem.closest('[data-error-summary]') ?? problem).scrollIntoView({ block: 'nearest' });
}

/** After a refusal in the browser: focus the page's summary; false when the page has none. */
export function focusErrorSummary(document: Document): boolean {
  const problem = document.querySelector<HTMLElement>('[data-error-summary] [role="alert"]');
  if (!problem) return false;
  moveFocusTo(problem);
  return true;
}

/**
 * A link in the summary puts the cursor in the field (the first radio button of a group) and
 * shows its label, rather than only scrolling to it.
 */
function focusField(event: MouseEvent<HTMLAnchorElement>, name: string) {
  const target = event.currentTarget.ownerDocument.getElementById(fieldAnchor(name));
  if (!target) return;
  event.preventDefault();
  const control = target.matches('input, select, textarea')
    ? target
    : (target.querySelector<HTMLElement>('input:checked') ?? target.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea'));
  (control ?? target).focus({ preventScroll: true });
  (target.closest('.field, fieldset') ?? target).scrollIntoView({ block: 'start' });
}
