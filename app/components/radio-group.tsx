import { describedBy, FieldError, useFieldId } from '#app/components/field.tsx';

/**
 * A choice as radio buttons: the fieldset's legend names the question, and its error is
 * announced with the group (aria-describedby on the fieldset and each button, aria-invalid on
 * each button). The one radio group of the staff, payment and aid forms.
 */
export function RadioGroup({
  name,
  legend,
  options,
  defaultValue,
  error,
  required,
}: {
  name: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  defaultValue?: string;
  error?: string;
  required?: boolean;
}) {
  const id = useFieldId(name, error);
  const described = describedBy(id, undefined, error);
  return (
    <fieldset className="field" id={id} aria-describedby={described}>
      <legend>{legend}</legend>
      <FieldError id={id} error={error} />
      {options.map((o) => (
        <span key={o.value} className="choice">
          <input
            id={`${id}-${o.value}`}
            type="radio"
            name={name}
            value={o.value}
            defaultChecked={defaultValue === o.value}
            required={required}
            aria-invalid={error ? true : undefined}
            aria-describedby={described}
          />{' '}
          <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
        </span>
      ))}
    </fieldset>
  );
}
