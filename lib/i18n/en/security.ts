// Words of the deployment operator's pages and of credential-bearing mail as staff see it.
export const security = {
  operator: {
    title: 'Deployment operator',
    nav: 'Operator',
    outboxTitle: 'Credential mail',
    auditTitle: 'Deployment audit log',
    outboxIntro:
      'Messages that carry a credential — password resets, email confirmations, choose-your-password and application confirmation links — from every organization on this deployment. Organization staff see them with their links withheld; only you, the operator, see the links, and only while a message has not been delivered (without SMTP it never is). Every message you open is recorded in the audit log.',
    outboxEmpty: 'No credential mail.',
    organization: 'Organization',
    filter: 'Filter',
    delivered: 'Delivered to the recipient: its link is withheld here too.',
    notOperator: 'Only the deployment’s operator may open this page.',
  },
  outboxCredential: {
    badge: 'Link withheld',
    notice:
      'This message carries a credential (a sign-in, password or confirmation link). No organization’s staff may see it: the link is withheld here. The recipient receives it by email; without SMTP, the deployment’s operator can pass it on.',
  },
} as const;
