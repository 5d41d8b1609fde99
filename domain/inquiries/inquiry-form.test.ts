import { describe, expect, test } from 'vitest';
import { parseForm } from '#app/lib/forms.ts';
import { generalContactSchema, intensiveOnTheRoadSchema, speakerSchema } from './inquiry-form.ts';

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
};

const road = (leadersToTrain: string, extra: Record<string, string> = {}) =>
  form({
    groupName: 'Cascade Valley Residency',
    name: 'Priya Raman',
    email: 'p.raman@example.org',
    phone: '',
    location: 'Wenatchee, WA',
    preferredDates: 'October 2027',
    leadersToTrain,
    message: '',
    ...extra,
  });

const TWELVE_MESSAGE = 'An Intensive on the Road trains up to twelve leaders. For more than twelve, please contact us and we will plan it with you.';

describe('the Intensive on the Road form', () => {
  test.each([
    ['1', 1],
    ['12', 12],
    [' 12 ', 12],
  ])('%j leaders are accepted', (typed, leaders) => {
    const parsed = parseForm(intensiveOnTheRoadSchema, road(typed));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.data.leadersToTrain).toBe(leaders);
  });

  test.each(['13', '20', '9999999'])('%s leaders are refused beside the field, saying twelve is the most', (typed) => {
    const parsed = parseForm(intensiveOnTheRoadSchema, road(typed));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors).toEqual({ leadersToTrain: TWELVE_MESSAGE });
      // What was typed comes back to be shown again.
      expect(parsed.values.leadersToTrain).toBe(typed);
      expect(parsed.values.groupName).toBe('Cascade Valley Residency');
    }
  });

  test.each([
    ['', 'This field is required.'],
    ['0', 'Enter at least one leader.'],
    ['twelve', 'Write a whole number, for example 8.'],
    ['12.5', 'Write a whole number, for example 8.'],
    ['-3', 'Write a whole number, for example 8.'],
    ['1e1', 'Write a whole number, for example 8.'],
  ])('%j leaders: %s', (typed, message) => {
    const parsed = parseForm(intensiveOnTheRoadSchema, road(typed));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.leadersToTrain).toBe(message);
  });

  test('the host organization, contact, email, location and dates are required; the phone is optional but must be a phone number', () => {
    const parsed = parseForm(intensiveOnTheRoadSchema, form({ leadersToTrain: '4', phone: 'call me' }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(Object.keys(parsed.errors).sort()).toEqual(['email', 'groupName', 'location', 'name', 'phone', 'preferredDates']);
      expect(parsed.errors.email).toBe('This field is required.');
      expect(parsed.errors.phone).toBe('Enter a phone number with digits, spaces and + ( ) - only.');
    }
    expect(parseForm(intensiveOnTheRoadSchema, road('4', { phone: '+1 (509) 555-0142' })).ok).toBe(true);
  });
});

describe('the speaker form', () => {
  const speaker = (extra: Record<string, string> = {}) =>
    form({ name: 'Marcus', email: 'm@example.org', groupName: 'Hospice team', speakerFormat: 'demonstration', audience: 'Nurses', audienceSize: '', preferredDates: 'March', attendance: 'online', location: '', message: '', ...extra });

  test('an online demonstration needs no location; the audience size is optional', () => {
    const parsed = parseForm(speakerSchema, speaker());
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.data.audienceSize).toBeNull();
  });

  test('in person needs a location', () => {
    const parsed = parseForm(speakerSchema, speaker({ attendance: 'in_person' }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors).toEqual({ location: 'Say where the event would take place, or choose online.' });
  });

  test('a talk, a demonstration or a workshop, and nothing else', () => {
    const parsed = parseForm(speakerSchema, speaker({ speakerFormat: 'concert', attendance: 'hybrid', audienceSize: '0' }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors.speakerFormat).toBe('Choose one of the options.');
      expect(parsed.errors.attendance).toBe('Choose one of the options.');
      expect(parsed.errors.audienceSize).toBe('Enter a number from 1 to 100,000.');
    }
  });
});

describe('general contact', () => {
  test('a message is required; over-long text is refused, not cut', () => {
    const empty = parseForm(generalContactSchema, form({ name: 'Sam', email: 'sam@example.org', message: '  ' }));
    expect(!empty.ok && empty.errors).toEqual({ message: 'This field is required.' });
    const long = parseForm(generalContactSchema, form({ name: 'Sam', email: 'sam@example.org', message: 'x'.repeat(5001) }));
    expect(!long.ok && long.errors).toEqual({ message: 'Must be at most 5000 characters.' });
  });
});
