import { renderToStaticMarkup } from 'react-dom/server';
import { expect, test } from 'vitest';
import { CheckboxField, RadioGroup, SelectField, TextAreaField } from '#app/components/choices.tsx';
import { ErrorSummary } from './error-summary.tsx';
import { DateField, Field, fieldAnchor } from './field.tsx';

function html(node: React.ReactNode) {
  return renderToStaticMarkup(node);
}

/** The ids on a page, and the targets of its `#` links. */
function anchors(markup: string) {
  const ids = [...markup.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
  const links = [...markup.matchAll(/ href="#([^"]+)"/g)].map((m) => m[1]);
  return { ids, links };
}

test('with nothing wrong there is no summary', () => {
  expect(html(<ErrorSummary attempt={undefined} />)).toBe('');
  expect(html(<ErrorSummary errors={{ email: undefined }} labels={{ email: 'Email' }} attempt={{}} />)).toBe('');
});

test('a problem that is no field\'s ("already applied"): titled, announced, focusable, autofocused without script, no list', () => {
  const markup = html(<ErrorSummary message="You have already applied to this course." attempt={{}} />);
  expect(markup).toContain('<h2 class="error-summary-title">There is a problem</h2>');
  expect(markup).toMatch(/<div role="alert" tabindex="-1" autofocus="" class="error-summary-problem">You have already applied to this course\.<\/div>/);
  expect(markup).not.toContain('<ul');
  expect(markup).not.toContain('aria-describedby');
});

test('field errors: the problem defaults to "correct the fields", and each labelled field in error is a link to its control, in the form\'s order', () => {
  const markup = html(
    <ErrorSummary
      errors={{ password: 'Must be at least 10 characters.', email: 'Enter a valid email address.', submissionKey: 'Required', name: undefined }}
      labels={{ name: 'Full name', email: 'Email', password: 'Password' }}
      attempt={{}}
    />,
  );
  expect(markup).toContain('>Please correct the highlighted fields.</div>');
  const list = /<ul id="([^"]+)" class="error-summary-list">(.*)<\/ul>/.exec(markup);
  expect(list).not.toBeNull();
  // The problem line is described by the list, so focusing it reads the fields out.
  expect(markup).toContain(`aria-describedby="${list![1]}"`);
  expect(list![2]).toBe(
    '<li><a href="#field-email" aria-describedby="field-email-error">Email</a></li>' + '<li><a href="#field-password" aria-describedby="field-password-error">Password</a></li>',
  );
  // The messages stay beside their fields: the summary does not repeat them.
  expect(markup).not.toContain('Enter a valid email address.');
  // A hidden input's error has nothing to link to.
  expect(markup).not.toContain('submissionKey');
});

test('the server\'s message wins over the default, and details such as CSV lines sit inside the announced problem', () => {
  const markup = html(
    <ErrorSummary message="The file has problems." attempt={{}}>
      <ul>
        <li>Line 3, email: not an email address</li>
      </ul>
    </ErrorSummary>,
  );
  expect(markup).toMatch(/role="alert"[^>]*>The file has problems\.<ul><li>Line 3, email: not an email address<\/li><\/ul><\/div>/);
});

test('every link of the summary lands on a control in error, whose message has the id the link is described by, for every kind of field', () => {
  const errors: Record<string, string> = {
    title: 'Required.',
    startsOn: 'Not a real date.',
    choice: 'Choose one.',
    agree: 'Tick the box.',
    reason: 'Too long.',
    method: 'Choose a method.',
    category: 'Choose a category.',
    attest: 'Please confirm.',
    question: 'Choose an answer.',
    notes: 'Too long.',
  };
  const labels = Object.fromEntries(Object.keys(errors).map((name) => [name, name]));
  const markup = html(
    <main>
      <ErrorSummary errors={errors} labels={labels} attempt={{}} />
      <Field name="title" label="Title" error={errors.title} />
      <DateField name="startsOn" label="Starts on" error={errors.startsOn} />
      <RadioGroup name="choice" legend="Choice" options={[{ value: 'a', label: 'A' }]} error={errors.choice} />
      <CheckboxField name="agree" label="Agree" error={errors.agree} />
      <TextAreaField name="reason" label="Reason" error={errors.reason} />
      <SelectField name="method" label="Method" options={[{ value: 'check', label: 'Check' }]} error={errors.method} />
      <RadioGroup name="category" legend="Category" hint="The one that fits you" options={[{ value: 'x', label: 'X', hint: 'members only' }]} error={errors.category} />
      <CheckboxField name="attest" label={<em>Attest</em>} hint="Required" error={errors.attest} />
      <SelectField name="question" label="Question" options={['yes']} placeholder="—" error={errors.question} />
      <TextAreaField name="notes" label="Notes" hint="Optional" error={errors.notes} />
    </main>,
  );
  const { ids, links } = anchors(markup);
  expect(links).toHaveLength(Object.keys(errors).length);
  for (const link of links) {
    expect(ids).toContain(link);
    expect(ids).toContain(`${link}-error`);
  }
  expect(new Set(ids).size, 'no id twice').toBe(ids.length);
});

test('out of error a control keeps a generated id, so the same name may appear in many forms on a page', () => {
  const markup = html(
    <>
      <Field name="reference" label="Reference" />
      <Field name="reference" label="Reference" />
    </>,
  );
  const { ids } = anchors(markup);
  expect(ids).toHaveLength(2);
  expect(ids[0]).not.toBe(ids[1]);
  expect(ids).not.toContain(fieldAnchor('reference'));
});

test('an anchor is a valid fragment whatever the field name', () => {
  expect(fieldAnchor('rows.0.early')).toBe('field-rows-0-early');
  expect(fieldAnchor('q_how did you hear?')).toBe('field-q_how-did-you-hear-');
});
