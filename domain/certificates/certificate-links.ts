// Where a certificate is verified, and the name its PDF file is given.

export function verificationUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/$/, '')}/verify/${code}`;
}

export function certificateFilename(c: { body: string; code: string }): string {
  return `certificate-${c.body.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${c.code}.pdf`;
}
