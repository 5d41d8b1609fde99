// Meta descriptions of the public pages: the line a search engine shows under the title (ADR 0061).
export const meta = {
  meta: {
    deployment: 'Balint Hub runs Balint societies: their public sites, Balint group listings, courses from application to certificate, members and money.',
    organization: '{{org}}: Balint groups, the Leadership Training Intensive and other courses, and how to take part.',
    course: '{{title}}, {{dates}}: programme, faculty, fees and how to apply.',
    signIn: 'Sign in to {{org}} to see your registrations, certificates and invoices.',
    signUp: 'Create an account with {{org}} to apply for courses and keep your certificates in one place.',
    checkEmail: 'Confirm your email address to finish creating your account with {{org}}.',
    verified: 'Your email address is confirmed; sign in to {{org}}.',
    forgotPassword: 'Forgot your password? {{org}} sends you a link to choose a new one.',
    resetPassword: 'Choose a new password for your account with {{org}}.',
    donate: 'Give to {{org}}: gifts fund scholarships and Balint training.',
    verify: 'Check that a continuing-education certificate issued through Balint Hub is genuine, by its code.',
    apply: 'Apply for {{title}}.',
    confirm: 'Confirm your application with {{org}}.',
  },
} as const;
