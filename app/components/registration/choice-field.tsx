import { type ReactNode } from 'react';
import { describedBy, FieldError, FieldHint, useFieldId } from '#app/components/field.tsx';

/** A checkbox with its label, hint and error announced together. */
export function CheckboxField({ name, label, error, defaultChecked, hint }: { name: string; label: ReactNode; error?: string; defaultChecked?: boolean; hint?: string }) {
  const id = useFieldId(name, error);
  const described = describedBy(id, hint, error);
  return (
    <div className="field checkbox">
      <div className="checkbox-row">
        <input type="checkbox" id={id} name={name} defaultChecked={defaultChecked} aria-invalid={error ? true : undefined} aria-describedby={described} />
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

/** A group of radio buttons in a fieldset whose legend names the question. */
export function RadioGroup({ name, legend, options, error, defaultValue, hint }: { name: string; legend: string; options: RadioOption[]; error?: string; defaultValue?: string; hint?: string }) {
  const id = useFieldId(name, error);
  const described = describedBy(id, hint, error);
  return (
    <fieldset className="field radio-group" id={id} aria-describedby={described} aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      {options.map((option, i) => (
        <div className="checkbox-row" key={option.value}>
          <input type="radio" id={`${id}-${i}`} name={name} value={option.value} defaultChecked={defaultValue === option.value} />
          <label htmlFor={`${id}-${i}`}>
            {option.label}
            {option.hint ? <span className="hint"> {option.hint}</span> : null}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export function SelectField({ name, label, options, error, defaultValue, required }: { name: string; label: string; options: string[]; error?: string; defaultValue?: string; required?: boolean }) {
  const id = useFieldId(name, error);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue ?? ''} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, undefined, error)}>
        <option value="">—</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
      <FieldError id={id} error={error} />
    </div>
  );
}

export function TextAreaField({ name, label, error, defaultValue, hint }: { name: string; label: string; error?: string; defaultValue?: string; hint?: string }) {
  const id = useFieldId(name, error);
  const described = describedBy(id, hint, error);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <FieldHint id={id} hint={hint} />
      <textarea id={id} name={name} rows={3} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={described} />
      <FieldError id={id} error={error} />
    </div>
  );
}
