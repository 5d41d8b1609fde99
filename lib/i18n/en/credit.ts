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
} as const;
