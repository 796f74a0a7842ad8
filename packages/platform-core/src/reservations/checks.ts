import { reservationError } from "./errors.js";

/** Index keys stay small: Convex limits the size of an index entry. */
export const MAX_TYPE_LENGTH = 64;
export const MAX_VALUE_LENGTH = 512;
export const MAX_EXPIRE_BATCH = 500;

export function checkKey(type: string, value: string): void {
  if (type.length === 0 || type.length > MAX_TYPE_LENGTH || type.trim() !== type) {
    throw reservationError(
      "INVALID_RESERVATION_KEY",
      `type is ${JSON.stringify(type)}; expected a namespace such as "username": 1 to ${MAX_TYPE_LENGTH} characters, no surrounding spaces`,
      { type },
    );
  }
  if (value.length === 0 || value.length > MAX_VALUE_LENGTH) {
    throw reservationError(
      "INVALID_RESERVATION_KEY",
      `value of ${type} has ${value.length} characters; expected 1 to ${MAX_VALUE_LENGTH} (normalise it first, e.g. lower-case an email)`,
      { type, length: value.length },
    );
  }
}

export function checkHolder(holder: string): void {
  if (holder.length === 0) {
    throw reservationError(
      "INVALID_HOLDER",
      "holder is empty; expected who asks for the value (a user, a visitor or a saga id)",
    );
  }
}

export function checkEntityId(entityId: string): void {
  if (entityId.length === 0) {
    throw reservationError(
      "INVALID_ENTITY_ID",
      "entityId is empty; expected the id of the entity created with the reserved value",
    );
  }
}

export function checkTtl(ttlMs: number, minTtlMs: number, maxTtlMs: number): void {
  if (!Number.isSafeInteger(ttlMs) || ttlMs < minTtlMs || ttlMs > maxTtlMs) {
    throw reservationError(
      "INVALID_RESERVATION_TTL",
      `ttlMs is ${ttlMs}; expected an integer from ${minTtlMs} to ${maxTtlMs} milliseconds: every reservation expires`,
      { ttlMs, minTtlMs, maxTtlMs },
    );
  }
}

export function checkLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_EXPIRE_BATCH) {
    throw reservationError(
      "INVALID_LIMIT",
      `limit is ${limit}; expected an integer from 1 to ${MAX_EXPIRE_BATCH}`,
      { limit, max: MAX_EXPIRE_BATCH },
    );
  }
}
