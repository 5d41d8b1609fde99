import { expect, test } from 'vitest';
import { pdfText } from './pdf-text.ts';
import { renderTranscriptPdf } from './transcript.ts';

test('the transcript lists each course with its organizer, credit per body and verification code', async () => {
  const bytes = await renderTranscriptPdf({
    name: 'Zoë Łukasiewicz',
    generatedOn: '2025-05-01',
    verifyUrl: 'https://hub.example.org/verify',
    entries: [
      {
        organizationName: 'American Balint Society',
        courseTitle: 'Leadership Training Intensive',
        startsOn: '2025-04-23',
        endsOn: '2025-04-26',
        certificates: [
          { body: 'APA', kind: 'credit', credit: 19.25, unit: 'credits', code: '7K3M-QX9D-2HBT-W4RN-C', issuedOn: '2025-04-28' },
          { body: 'AAFP', kind: 'attendance', credit: 0, unit: 'credits', code: 'AAAA-BBBB-CCCC-DDDD-E', issuedOn: '2025-04-28' },
        ],
      },
      { organizationName: 'Northwest Balint Circle', courseTitle: 'Demonstration group', startsOn: '2025-06-01', endsOn: '2025-06-01', certificates: [] },
    ],
  });
  const text = await pdfText(bytes);
  for (const expected of ['Zoë Łukasiewicz', 'Leadership Training Intensive', 'American Balint Society', 'April 23–26, 2025', '19.25 credits', '7K3M-QX9D-2HBT-W4RN-C', 'Attendance, no credit', 'Northwest Balint Circle', 'No certificate issued.', 'https://hub.example.org/verify']) {
    expect(text).toContain(expected);
  }
});
