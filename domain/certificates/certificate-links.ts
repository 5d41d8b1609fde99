// Where a certificate is verified (with the code, verification-code.ts), and the name its PDF file is given.
export { verificationUrl } from './verification-code.ts';

export function certificateFilename(c: { body: string; code: string }): string {
  return `certificate-${c.body.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${c.code}.pdf`;
}
