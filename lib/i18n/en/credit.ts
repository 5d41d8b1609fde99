// Catalog of CE credit, evaluations and certificates. Top-level keys are namespaces; keep them unique across files.
export const credit = {
  certificatePdf: {
    creditTitle: 'Certificate of Continuing Education Credit',
    attendanceTitle: 'Certificate of Attendance',
    certifies: 'This certifies that',
    participated: 'participated in',
    earned: 'and was awarded {{credit}} {{unit}} ({{body}}).',
    attendedOnly: 'and attended {{hours}} hours. This certificate of attendance carries no {{body}} credit.',
    units: { credits: 'credits', hours: 'hours', points: 'points' },
    verify: 'Verify this certificate at {{url}} — code {{code}}',
    code: 'Verification code',
    issuedOn: 'Issued {{date}}',
  },
  certificateEmail: {
    subject: 'Your certificate: {{course}}',
    issued: 'Your certificate for {{course}} is attached.',
    reissued: 'Your attendance record for {{course}} was corrected, so your certificate was reissued; the new one is attached and the earlier one is no longer valid.',
    creditLine: '{{body}}: {{credit}} {{unit}}. Verification code {{code}}, checked at {{url}}',
    attendanceLine: '{{body}}: a certificate of attendance (no credit). Verification code {{code}}, checked at {{url}}',
    action: 'Your certificates',
  },
  evaluation: {
    answerRequired: 'Choose an answer.',
    answerScale: 'Choose a number from 1 to 5.',
  },
  evaluationEmail: {
    subject: 'Your evaluation of {{course}}',
    body: 'Please complete the evaluation of {{course}}. It takes a few minutes; your answers are anonymous, and your certificate is issued once it is done.',
    action: 'Complete the evaluation',
  },
  certificateErrors: {
    courseNotEnded: 'Certificates are issued once the course has ended.',
    noCreditPolicy: 'Set how each accrediting body grants credit for this course first.',
    notFound: 'No such certificate.',
    notValid: 'This certificate is not valid any more.',
    policyInvalid: 'Check the credit settings.',
    signatureInvalid: 'The signature must be a PNG or JPEG image of at most 500 KB.',
    evaluationNotOpen: 'The evaluation is not open.',
    evaluationAlreadyDone: 'You have already completed this evaluation. Thank you.',
    evaluationInvalid: 'Check your answers.',
  },
} as const;
