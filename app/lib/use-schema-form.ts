import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { focusErrorSummary } from '#app/components/error-summary.tsx';
import { parseForm, type FieldErrors } from './forms.ts';

/**
 * Instant feedback in the browser with the action's own schema. With JavaScript off the form
 * posts as usual and the action's errors show instead.
 *
 * `message` is the server's form-level problem while it still applies: once the browser has
 * refused a later submission, the summary speaks of that one instead.
 */
export function useSchemaForm(schema: z.ZodType, serverErrors: FieldErrors | undefined, serverMessage?: string) {
  const [clientErrors, setClientErrors] = useState<FieldErrors | undefined>(undefined);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const result = parseForm(schema, new FormData(form));
    if (!result.ok) {
      event.preventDefault();
      setClientErrors(result.errors);
      // After React renders the messages, focus the page's error summary (or, on a page
      // without one, the first field in error).
      requestAnimationFrame(() => {
        if (!focusErrorSummary(form.ownerDocument)) form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      });
    } else {
      setClientErrors(undefined);
    }
  };
  return { errors: clientErrors ?? serverErrors ?? {}, onSubmit, message: clientErrors ? undefined : serverMessage };
}
