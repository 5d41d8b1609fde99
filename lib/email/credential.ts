// Credential-bearing messages (password reset, email verification, choose-your-password,
// application confirmation links) are never shown to an organization's staff. What staff see
// instead: the message with every link replaced by a notice.

export const WITHHELD_LINK = '[link withheld: it lets its holder act as the recipient]';

/** Every http(s) link in a message's text, replaced by the notice. */
export function withholdLinks(text: string): string {
  return text.replace(/https?:\/\/\S+/g, WITHHELD_LINK);
}
