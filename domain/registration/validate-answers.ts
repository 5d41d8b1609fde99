// The hard rules of an application, enforced by the domain whatever the entry point (form
// or API): the commitments the seed asks for, the course's attestations and required
// questions, and a training program for trainee categories.
import type { Attestation, CustomQuestion } from '#db/schema/courses.ts';
import type { ApplicationAnswers } from '#db/schema/registration.ts';

export function validateAnswers(
  course: { attestations: Attestation[]; customQuestions: CustomQuestion[] },
  category: { requiresTraineeStatus: boolean },
  answers: ApplicationAnswers,
): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!answers.discipline.trim()) problems.discipline = 'REQUIRED';
  if (!answers.commitsToAttendAll) problems.commitsToAttendAll = 'MUST_AGREE';
  if (!answers.understandsNotTherapy) problems.understandsNotTherapy = 'MUST_AGREE';
  for (const attestation of course.attestations) {
    if (!answers.attestations[attestation.key]) problems[`a_${attestation.key}`] = 'MUST_AGREE';
  }
  for (const question of course.customQuestions) {
    const answer = (answers.custom[question.key] ?? '').trim();
    if (question.required && !answer) problems[`q_${question.key}`] = 'REQUIRED';
    if (answer && question.type === 'choice' && question.options && !question.options.includes(answer)) problems[`q_${question.key}`] = 'INVALID_CHOICE';
    if (answer.length > 2000) problems[`q_${question.key}`] = 'TOO_LONG';
  }
  if (category.requiresTraineeStatus) {
    if (!answers.trainingProgram.trim()) problems.trainingProgram = 'REQUIRED';
    if (!answers.traineeAttested) problems.traineeAttested = 'MUST_AGREE';
  }
  return problems;
}
