// The end-of-course evaluation's questions: the course goals as "I can now…" items, the items
// accreditors ask for, and free comments. Staff edit them; answers are 1–5 or text.
import type { EvaluationQuestion } from '#db/schema/credit.ts';

export const SCALE = [1, 2, 3, 4, 5] as const;
export const MIN_ANSWERS_FOR_RESULTS = 5;
/** At most this many questions on an evaluation form (the editor's rows). */
export const EVALUATION_MAX_QUESTIONS = 60;

/** "Describe verbal and non-verbal behaviors…" → "I can now describe verbal and non-verbal behaviors…" */
export function goalAsItem(goal: string): string {
  const text = goal.trim().replace(/\.$/, '');
  if (!text) return '';
  return `I can now ${text[0]!.toLowerCase()}${text.slice(1)}.`;
}

export const ACCREDITOR_ITEMS: readonly { key: string; text: string }[] = [
  { key: 'met_objectives', text: 'The activity met its stated objectives.' },
  { key: 'free_of_bias', text: 'The content was free of commercial bias.' },
  { key: 'relevant_to_practice', text: 'What I learned is relevant to my practice.' },
  { key: 'faculty_effective', text: 'The faculty were effective.' },
];

export function defaultQuestions(goals: readonly string[]): EvaluationQuestion[] {
  const questions: EvaluationQuestion[] = goals
    .map(goalAsItem)
    .filter(Boolean)
    .map((text, i) => ({ key: `goal_${i + 1}`, kind: 'scale' as const, text, required: true }));
  for (const item of ACCREDITOR_ITEMS) questions.push({ key: item.key, kind: 'scale', text: item.text, required: true });
  questions.push({ key: 'practice_change', kind: 'text', text: 'What will you do differently in your practice or your groups?', required: false });
  questions.push({ key: 'comments', kind: 'text', text: 'Other comments (please do not describe patients or cases).', required: false });
  return questions;
}

export type AnswerResult = { ok: true; answers: Record<string, number | string> } | { ok: false; errors: Record<string, string> };

/** Reads posted answers (`q.<key>`) against the questions: required scales answered 1–5, text at most 4,000 characters. */
export function readAnswers(questions: readonly EvaluationQuestion[], values: Record<string, string | undefined>, messages: { required: string; scale: string; tooLong: string }): AnswerResult {
  const answers: Record<string, number | string> = {};
  const errors: Record<string, string> = {};
  for (const q of questions) {
    const raw = (values[`q.${q.key}`] ?? '').trim();
    if (q.kind === 'scale') {
      if (raw === '') {
        if (q.required) errors[`q.${q.key}`] = messages.required;
        continue;
      }
      const n = Number(raw);
      if (!SCALE.includes(n as (typeof SCALE)[number])) errors[`q.${q.key}`] = messages.scale;
      else answers[q.key] = n;
    } else {
      if (raw.length > 4000) errors[`q.${q.key}`] = messages.tooLong;
      else if (raw === '' && q.required) errors[`q.${q.key}`] = messages.required;
      else if (raw !== '') answers[q.key] = raw;
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, answers };
}

export interface QuestionResult {
  key: string;
  kind: 'scale' | 'text';
  text: string;
  answered: number;
  /** Scale: count per value 1–5. */
  distribution: number[];
  mean: number | null;
  /** Text: the comments, in no particular order. */
  comments: string[];
}

/** Aggregates per question; nothing when fewer than MIN_ANSWERS_FOR_RESULTS people answered (too easy to tell who said what). */
export function aggregate(questions: readonly EvaluationQuestion[], responses: readonly Record<string, number | string>[]): { responses: number; shown: boolean; results: QuestionResult[] } {
  const shown = responses.length >= MIN_ANSWERS_FOR_RESULTS;
  if (!shown) return { responses: responses.length, shown, results: [] };
  const results = questions.map((q) => {
    const values = responses.map((r) => r[q.key]).filter((v) => v !== undefined);
    if (q.kind === 'scale') {
      const numbers = values.filter((v): v is number => typeof v === 'number');
      const distribution = SCALE.map((s) => numbers.filter((n) => n === s).length);
      const mean = numbers.length ? Math.round((numbers.reduce((a, b) => a + b, 0) / numbers.length) * 100) / 100 : null;
      return { key: q.key, kind: q.kind, text: q.text, answered: numbers.length, distribution, mean, comments: [] };
    }
    const comments = values.filter((v): v is string => typeof v === 'string').sort();
    return { key: q.key, kind: q.kind, text: q.text, answered: comments.length, distribution: [], mean: null, comments };
  });
  return { responses: responses.length, shown, results };
}
