// The password rule, shared by the forms in the browser and the sign-up on the server.
export const MIN_PASSWORD_LENGTH = 10;
