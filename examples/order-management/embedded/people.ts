// Who uses the shop in the tests and the demo: identities as the auth provider would issue them
// (the `role` claim carries staff and admin).
export const people = {
  ada: { subject: "ada", name: "Ada" },
  bob: { subject: "bob", name: "Bob" },
  sam: { subject: "sam", name: "Sam", role: "staff" },
  ann: { subject: "ann", name: "Ann", role: "admin" },
} as const;

export type Person = keyof typeof people;
