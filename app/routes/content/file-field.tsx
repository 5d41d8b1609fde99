// A labelled file input whose hint and error are announced with it.
import { describedBy, FieldError, FieldHint, useFieldId } from '#app/components/field.tsx';

export function FileField({ name, label, hint, error, accept }: { name: string; label: string; hint: string; error?: string; accept: string }) {
  const id = useFieldId(name, error);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <FieldHint id={id} hint={hint} />
      <input id={id} type="file" name={name} accept={accept} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} />
      <FieldError id={id} error={error} />
    </div>
  );
}

export const IMAGE_ACCEPT = 'image/png,image/jpeg,image/webp,image/gif';

/** The bytes of an uploaded file, or null when none was chosen. */
export async function uploadedBytes(formData: FormData, name: string): Promise<Uint8Array | null> {
  const file = formData.get(name);
  return file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
}
