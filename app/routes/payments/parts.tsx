// Form parts shared by the payment pages.

import { RadioGroup as SharedRadioGroup } from '#app/components/choices.tsx';

/** Payment choices are always required. */
export function RadioGroup(props: Omit<Parameters<typeof SharedRadioGroup>[0], 'required'>) {
  return <SharedRadioGroup {...props} required />;
}
