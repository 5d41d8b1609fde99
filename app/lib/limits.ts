// Limits shared by forms in the browser and rules on the server.
export const MIN_PASSWORD_LENGTH = 10;
