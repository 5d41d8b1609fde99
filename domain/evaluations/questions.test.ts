import { describe, expect, test } from 'vitest';
import { aggregate, defaultQuestions, goalAsItem, readAnswers } from './questions.ts';

const messages = { required: 'required', scale: 'scale', tooLong: 'long' };

describe('evaluation questions', () => {
  test('the seed goals become "I can now…" items, followed by the accreditors\' items and comments', () => {
    expect(goalAsItem('Describe verbal and non-verbal behaviors of Balint Group Leaders.')).toBe('I can now describe verbal and non-verbal behaviors of Balint Group Leaders.');
    const questions = defaultQuestions(['Describe a.', 'Recognize b.', '', 'Define d.']);
    expect(questions.map((q) => q.key)).toEqual(['goal_1', 'goal_2', 'goal_3', 'met_objectives', 'free_of_bias', 'relevant_to_practice', 'faculty_effective', 'practice_change', 'comments']);
    expect(questions.find((q) => q.key === 'free_of_bias')!.kind).toBe('scale');
  });

  test('answers: required scales 1–5, optional text', () => {
    const questions = defaultQuestions(['Describe a.']);
    const missing = readAnswers(questions, { 'q.goal_1': '4' }, messages);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(Object.keys(missing.errors)).toEqual(['q.met_objectives', 'q.free_of_bias', 'q.relevant_to_practice', 'q.faculty_effective']);
    const values = Object.fromEntries(questions.filter((q) => q.kind === 'scale').map((q) => [`q.${q.key}`, '5']));
    expect(readAnswers(questions, { ...values, 'q.goal_1': '6' }, messages)).toEqual({ ok: false, errors: { 'q.goal_1': 'scale' } });
    const ok = readAnswers(questions, { ...values, 'q.comments': '  Thank you  ' }, messages);
    expect(ok).toEqual({ ok: true, answers: { goal_1: 5, met_objectives: 5, free_of_bias: 5, relevant_to_practice: 5, faculty_effective: 5, comments: 'Thank you' } });
  });

  test('results only once five people answered, with the distribution and the mean', () => {
    const questions = defaultQuestions([]).slice(0, 1);
    const four = [5, 4, 4, 3].map((v) => ({ met_objectives: v }));
    expect(aggregate(questions, four)).toEqual({ responses: 4, shown: false, results: [] });
    const five = [...four, { met_objectives: 5 }];
    const result = aggregate(questions, five);
    expect(result.shown).toBe(true);
    expect(result.results[0]).toMatchObject({ answered: 5, distribution: [0, 0, 1, 2, 2], mean: 4.2 });
  });
});
