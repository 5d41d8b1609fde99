// Labelled controls the staff forms need beyond the shared text Field.
import { type ReactNode } from 'react';
import { useFieldId } from '#app/components/field.tsx';

interface Described {
  hint?: string;
  error?: string;
}

function describedBy(id: string, { hint, error }: Described) {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function HintAndError({ id, hint, error }: Described & { id: string }) {
  return (
    <>
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
    </>
  );
}

export function TextAreaField({ name, label, defaultValue, rows = 4, ...rest }: Described & { name: string; label: string; defaultValue?: string; rows?: number }) {
  const id = useFieldId(name, rest.error);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} name={name} rows={rows} defaultValue={defaultValue} aria-invalid={rest.error ? true : undefined} aria-describedby={describedBy(id, rest)} />
      <HintAndError id={id} {...rest} />
    </div>
  );
}

export function SelectField({
  name,
  label,
  defaultValue,
  options,
  ...rest
}: Described & { name: string; label: string; defaultValue?: string; options: readonly { value: string; label: string }[] }) {
  const id = useFieldId(name, rest.error);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue} aria-invalid={rest.error ? true : undefined} aria-describedby={describedBy(id, rest)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <HintAndError id={id} {...rest} />
    </div>
  );
}

export function CheckboxField({ name, label, defaultChecked, value = 'on', ...rest }: Described & { name: string; label: string; defaultChecked?: boolean; value?: string }) {
  const id = useFieldId(name, rest.error);
  return (
    <div className="field checkbox">
      <span>
        <input id={id} type="checkbox" name={name} value={value} defaultChecked={defaultChecked} aria-invalid={rest.error ? true : undefined} aria-describedby={describedBy(id, rest)} />{' '}
        <label htmlFor={id}>{label}</label>
      </span>
      <HintAndError id={id} {...rest} />
    </div>
  );
}

export { RadioGroup } from '#app/components/radio-group.tsx';

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
