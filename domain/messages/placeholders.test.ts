import { describe, expect, test } from 'vitest';
import { firstName, placeholderProblems, renderPlaceholders, type PlaceholderValues } from './placeholders.ts';

const values: PlaceholderValues = {
  name: 'Ana María López',
  first_name: 'Ana',
  amount_due: '$450.00',
  course_title: 'Leadership Intensive',
  course_dates: '24–27 April 2025',
  course_link: 'https://hub.example/o/abs/courses/li',
  registration_link: 'https://hub.example/o/abs/my-registrations',
};

describe('placeholders', () => {
  test('every known placeholder is filled in, with or without spaces inside the braces', () => {
    expect(renderPlaceholders('Dear {{first_name}}, you owe {{ amount_due }} for {{course_title}}.', values)).toBe('Dear Ana, you owe $450.00 for Leadership Intensive.');
    expect(renderPlaceholders('{{name}} {{course_dates}} {{course_link}} {{registration_link}}', values)).toBe(
      'Ana María López 24–27 April 2025 https://hub.example/o/abs/courses/li https://hub.example/o/abs/my-registrations',
    );
  });

  test('a value that looks like a placeholder is not filled in again', () => {
    expect(renderPlaceholders('Hi {{name}}', { ...values, name: '{{amount_due}}' })).toBe('Hi {{amount_due}}');
  });

  test('a text without placeholders is unchanged and has no problems', () => {
    expect(placeholderProblems('See you in Spokane.')).toEqual([]);
    expect(renderPlaceholders('See you in Spokane.', values)).toBe('See you in Spokane.');
  });

  test('unknown placeholders are named once each, in order; case matters', () => {
    expect(placeholderProblems('{{nmae}} {{Name}} {{nmae}} {{first_name}}')).toEqual([
      { kind: 'unknown', name: 'nmae' },
      { kind: 'unknown', name: 'Name' },
    ]);
    expect(placeholderProblems('{{}}')).toEqual([{ kind: 'unclosed' }]);
  });

  test('a brace pair left open or closed alone is a problem', () => {
    expect(placeholderProblems('Dear {{name, welcome')).toEqual([{ kind: 'unclosed' }]);
    expect(placeholderProblems('Dear name}}')).toEqual([{ kind: 'unclosed' }]);
    expect(placeholderProblems('Dear {name}')).toEqual([]);
  });

  test('first name is the first word of the name', () => {
    expect(firstName('  Ana María López ')).toBe('Ana');
    expect(firstName('Prince')).toBe('Prince');
  });
});
