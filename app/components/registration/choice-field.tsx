import { useId, type ReactNode } from 'react';

/** A checkbox with its label, hint and error announced together. */
export function CheckboxField({ name, label, error, defaultChecked, hint }: { name: string; label: ReactNode; error?: string; defaultChecked?: boolean; hint?: string }) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field checkbox">
      <div className="checkbox-row">
        <input type="checkbox" id={id} name={name} defaultChecked={defaultChecked} aria-invalid={error ? true : undefined} aria-describedby={described} />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
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
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className="field radio-group" aria-describedby={described} aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
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
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue ?? ''} required={required} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        <option value="">—</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
      {error ? (
        <span className="error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function TextAreaField({ name, label, error, defaultValue, hint }: { name: string; label: string; error?: string; defaultValue?: string; hint?: string }) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <textarea id={id} name={name} rows={3} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={described} />
      {error ? (
        <span className="error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}
