/**
 * The tenant of this app's streams and scope keys. The app serves one shop; a multi-tenant app
 * resolves the tenant from the caller instead.
 */
export const SHOP_TENANT_ID = "shop";

/** The warehouse whose scope (one DCB) holds the stock of every product. */
export const WAREHOUSE_ID = "main";
