import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { parseForm, type FieldErrors } from './forms.ts';

/**
 * Instant feedback in the browser with the action's own schema. With JavaScript off the form
 * posts as usual and the action's errors show instead.
 */
export function useSchemaForm(schema: z.ZodType, serverErrors: FieldErrors | undefined) {
  const [clientErrors, setClientErrors] = useState<FieldErrors | undefined>(undefined);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const result = parseForm(schema, new FormData(form));
    if (!result.ok) {
      event.preventDefault();
      setClientErrors(result.errors);
      // After React renders the messages, move focus to the first field in error.
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    } else {
      setClientErrors(undefined);
    }
  };
  return { errors: clientErrors ?? serverErrors ?? {}, onSubmit };
}
