// The staff API token a request carries (`Authorization: Bearer <token>`). What the token may
// do is the domain's to decide (domain/api-tokens/check-api-token.server.ts).
export function bearerToken(request: Request): string | undefined {
  const header = request.headers.get('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}
