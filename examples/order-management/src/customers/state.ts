/** The customer's command model: who they are and how to reach them. */
export type Customer = {
  customerId: string;
  name: string;
  /** Normalised (trimmed, lower case): the value its reservation holds. */
  email: string;
  registeredAt: number;
};

export type CustomerState = Customer | null;
