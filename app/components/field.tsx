import { useId } from 'react';
import { MIN_PASSWORD_LENGTH } from '#domain/accounts/password.ts';
import { t } from '#lib/i18n.ts';

/**
 * The id of a field's control while it is in error: the error summary links to it
 * (`href="#field-email"`), so it must be known from the field's name alone, on the server too.
 * Out of error a control keeps its generated id, so the same name may appear in many forms on a
 * page (one per table row); only the form that was sent shows errors, so an anchor is unique.
 */
export function fieldAnchor(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** The id of a field's control: its anchor while in error, a generated one otherwise. */
export function useFieldId(name: string, error: unknown): string {
  const generated = useId();
  return error ? fieldAnchor(name) : generated;
}

/** The ids a control points to with aria-describedby, and the hint and error it names. */
export function describedBy(id: string, hint?: unknown, error?: unknown): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

export function FieldHint({ id, hint }: { id: string; hint?: React.ReactNode }) {
  return hint ? (
    <span className="hint" id={`${id}-hint`}>
      {hint}
    </span>
  ) : null;
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <span className="error" id={`${id}-error`}>
      {error}
    </span>
  ) : null;
}

export interface FieldProps {
  name: string;
  label: string;
  type?: string;
  defaultValue?: string;
  error?: string;
  hint?: string;
  autoComplete?: string;
  required?: boolean;
}

/** A labelled input whose hint and error are announced with it. */
export function Field({ name, label, type = 'text', defaultValue, error, hint, autoComplete, required }: FieldProps) {
  const id = useFieldId(name, error);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <FieldHint id={id} hint={hint} />
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      <FieldError id={id} error={error} />
    </div>
  );
}

/**
 * A date typed as text, YYYY-MM-DD, never `type="date"`: a browser sends an impossible or
 * half-typed date in a date input as an empty value, which the server can only read as "no
 * date" (for an optional deadline, a silent change of meaning). As text, what was typed
 * arrives, is refused with a reason, and is shown back. The format is said after any hint.
 */
export function DateField({ hint, ...props }: Omit<FieldProps, 'type' | 'autoComplete'>) {
  const format = t('form.dateHint');
  return <Field {...props} hint={hint ? `${hint} ${format}` : format} autoComplete="off" />;
}

/** Choosing a password (sign-up, reset): the length rule is said up front. */
export function NewPasswordField({ error }: { error?: string }) {
  return (
    <Field
      name="password"
      type="password"
      label={t('auth.password')}
      hint={t('auth.passwordHint', { min: MIN_PASSWORD_LENGTH })}
      autoComplete="new-password"
      required
      error={error}
    />
  );
}

/** A success notice, announced politely. A problem goes to the form's ErrorSummary instead. */
export function FormAlert({ message }: { message: string | undefined; tone: 'success' }) {
  if (!message) return null;
  return (
    <div className="notice success" role="status">
      {message}
    </div>
  );
}
