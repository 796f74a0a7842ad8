// Tenant isolation (DESIGN property 6): a tenant reads and writes only its own streams and events.
// Errors name the stream or event and the caller's tenant, never the owner's.
import { eventStoreError } from "../shared/errors.js";

type Details = Record<string, string | number | boolean | null | undefined>;

/**
 * Whose events a catch-up or correlation read returns. `tenantId: undefined` selects the
 * events without tenant: the tenant-prefixed indexes hold them under a missing tenantId.
 */
export type Tenancy = { allTenants: true } | { allTenants: false; tenantId: string | undefined };

/** Throws INVALID_READ_FILTER for an empty tenantId, which no stream can have. */
export function checkTenantId(tenantId: string | undefined): void {
  if (tenantId !== undefined && tenantId.trim() === "") {
    throw eventStoreError(
      "INVALID_READ_FILTER",
      `tenantId is empty; expected the caller's tenant id, or no tenantId to read what belongs to no tenant`,
      { field: "tenantId" },
    );
  }
}

/** The tenancy of a read; `allTenants` with a `tenantId` is ambiguous and refused. */
export function readTenancy(args: { tenantId?: string; allTenants?: boolean }): Tenancy {
  checkTenantId(args.tenantId);
  if (args.allTenants === true) {
    if (args.tenantId !== undefined) {
      throw eventStoreError(
        "INVALID_READ_FILTER",
        `The read names tenant "${args.tenantId}" and allTenants; expected one of them: tenantId for that tenant's events, allTenants: true for every tenant's`,
        { field: "allTenants", tenantId: args.tenantId },
      );
    }
    return { allTenants: true };
  }
  return { allTenants: false, tenantId: args.tenantId };
}

/**
 * Throws TENANT_MISMATCH unless the caller's tenant is the owner's: both the same tenant, or
 * both none. `subject` names what was asked for ("Stream Order/ord-1"); the message says which
 * tenant is required without giving away the owner's id.
 */
export function checkTenant(
  subject: string,
  owner: string | undefined,
  caller: string | undefined,
  details: Details,
): void {
  if (owner === caller) return;
  const withCaller = caller === undefined ? details : { ...details, tenantId: caller };
  let message: string;
  if (owner === undefined) {
    message = `${subject} belongs to no tenant; expected no tenantId, not tenant "${caller}"`;
  } else if (caller === undefined) {
    message = `${subject} belongs to a tenant; expected that tenant's tenantId, and none was given`;
  } else {
    message = `${subject} belongs to another tenant than "${caller}"; expected the tenantId of the tenant it belongs to`;
  }
  throw eventStoreError("TENANT_MISMATCH", message, withCaller);
}
