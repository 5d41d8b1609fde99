export const registration = {
  registration: {
    status_submitted: 'Received, awaiting review',
    status_accepted: 'Accepted',
    status_declined: 'Declined',
    status_waitlisted: 'On the waitlist',
    status_offered: 'A place is offered to you',
    status_confirmed: 'Confirmed',
    status_cancelled: 'Cancelled',
    status_withdrawn: 'Withdrawn',
    tier_early: 'early rate',
    tier_regular: 'regular rate',
    membership_to_verify: 'Membership to be verified by staff',
    membership_verified: 'Membership verified',
  },
  registrationEmail: {
    signature: '{{org}}',
    received: {
      subject: 'Application received: {{course}}',
      body: 'Thank you for applying to {{course}} ({{dates}}). Your application is received and holds a place while the course directors review it. Application does not guarantee acceptance; you will hear from us by email.',
      price: 'Your price: {{amount}} ({{category}}, {{tier}}). It is fixed now and will not change.',
    },
    waitlisted: {
      subject: 'You are on the waitlist: {{course}}',
      body: 'The course is full, so your application to {{course}} is on the waitlist, in position {{position}}. When a place frees, the next person on the waitlist gets an offer by email that holds the place for {{hours}} hours.',
    },
    accepted: {
      subject: 'You are accepted: {{course}}',
      body: 'Good news: your application to {{course}} ({{dates}}) is accepted.',
    },
    declined: {
      subject: 'Your application to {{course}}',
      body: 'We are sorry: the course directors could not accept your application to {{course}} this time.',
    },
    movedToWaitlist: {
      subject: 'Your application is on the waitlist: {{course}}',
      body: 'The course directors have placed your application to {{course}} on the waitlist, in position {{position}}.',
    },
    offered: {
      subject: 'A place is free for you: {{course}}',
      body: 'A place in {{course}} ({{dates}}) has become free and is held for you until {{until}}. Your price: {{amount}} ({{category}}, {{tier}}). Accept or decline the offer on your registrations page; if you do not answer in time, the place passes to the next person.',
    },
    offerExpired: {
      subject: 'Your offer for {{course}} has passed',
      body: 'The place we held for you in {{course}} has passed to the next person because the offer was not answered in time. Your application stays on the waitlist, now in position {{position}}.',
    },
    withdrawn: {
      subject: 'Application withdrawn: {{course}}',
      body: 'Your application to {{course}} is withdrawn. If this was a mistake, please apply again or contact the course directors.',
    },
    categoryChanged: {
      subject: 'Your registration category changed: {{course}}',
      body: 'The course directors changed your registration category to {{category}}. Reason: {{reason}}. Your new price is {{amount}}.',
    },
    message: 'Message from the course directors: {{message}}',
    nextSteps: 'See your registrations',
    setPassword: 'To see your application online, choose a password for your account with the link we are sending separately.',
  },
} as const;
