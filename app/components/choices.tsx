// The form kit's controls beyond the text Field (field.tsx): text areas, selects, checkboxes and
// radio groups, one family for every form — the application, the staff, payment, refund and aid
// forms. Each is labelled, carries its hint and error in aria-describedby, is marked
// aria-invalid in error, and takes the stable id `field-<name>` while in error, so the error
// summary's links land on it (error-summary.tsx).
import { type ReactNode } from 'react';
import { describedBy, FieldError, FieldHint, useFieldId } from './field.tsx';

interface Described {
  hint?: ReactNode;
  error?: string;
}

export function TextAreaField({ name, label, defaultValue, rows = 4, hint, error }: Described & { name: string; label: string; defaultValue?: string; rows?: number }) {
  const id = useFieldId(name, error);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <FieldHint id={id} hint={hint} />
      <textarea id={id} name={name} rows={rows} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} />
      <FieldError id={id} error={error} />
    </div>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

/**
 * A select. Options are `{ value, label }` pairs or plain strings (value and label alike);
 * `placeholder` adds a first, empty choice (a question nobody has answered yet).
 */
export function SelectField({
  name,
  label,
  options,
  defaultValue,
  placeholder,
  required,
  hint,
  error,
}: Described & { name: string; label: string; options: readonly (SelectOption | string)[]; defaultValue?: string; placeholder?: string; required?: boolean }) {
  const id = useFieldId(name, error);
  const choices = options.map((o) => (typeof o === 'string' ? { value: o, label: o } : o));
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <FieldHint id={id} hint={hint} />
      <select
        id={id}
        name={name}
        defaultValue={defaultValue ?? (placeholder !== undefined ? '' : undefined)}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {choices.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={id} error={error} />
    </div>
  );
}

/** A checkbox with its label, hint and error announced together. */
export function CheckboxField({ name, label, defaultChecked, value = 'on', hint, error }: Described & { name: string; label: ReactNode; defaultChecked?: boolean; value?: string }) {
  const id = useFieldId(name, error);
  return (
    <div className="field checkbox">
      <div className="checkbox-row">
        <input type="checkbox" id={id} name={name} value={value} defaultChecked={defaultChecked} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} />
        <label htmlFor={id}>{label}</label>
      </div>
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
    </div>
  );
}

export interface RadioOption {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
}

/**
 * A choice as radio buttons: the fieldset's legend names the question; its hint and error are
 * announced with the group and with each button (aria-describedby), and each button is marked
 * aria-invalid in error.
 */
export function RadioGroup({
  name,
  legend,
  options,
  defaultValue,
  required,
  hint,
  error,
}: Described & { name: string; legend: string; options: readonly RadioOption[]; defaultValue?: string; required?: boolean }) {
  const id = useFieldId(name, error);
  const described = describedBy(id, hint, error);
  return (
    <fieldset className="field radio-group" id={id} aria-describedby={described}>
      <legend>{legend}</legend>
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      {options.map((option, i) => (
        <div className="checkbox-row" key={option.value}>
          <input
            type="radio"
            id={`${id}-${i}`}
            name={name}
            value={option.value}
            defaultChecked={defaultValue === option.value}
            required={required}
            aria-invalid={error ? true : undefined}
            aria-describedby={described}
          />
          <label htmlFor={`${id}-${i}`}>
            {option.label}
            {option.hint ? <span className="hint"> {option.hint}</span> : null}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** What an action did, said where the person is looking (role=status). */
export function Outcomes({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="notice" role="status">
      <p>
        <strong>{title}</strong>
      </p>
      {children}
    </div>
  );
}
