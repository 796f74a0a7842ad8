/**
 * A stable fingerprint of a command payload, so the command bus can tell a retried command
 * (same id, same payload) from a reused id (same id, another payload: COMMAND_ID_REUSED).
 * Keys are sorted, so `{ a, b }` and `{ b, a }` agree. Not a security hash: 64-bit FNV-1a over
 * the canonical JSON's UTF-16 code units, enough to catch a reused id.
 *
 * @example
 * payloadHash({ orderId: "o-1", qty: 2 }) === payloadHash({ qty: 2, orderId: "o-1" }); // true
 */
export function payloadHash(payload: unknown): string {
  const text = canonicalJson(payload);
  return `fnv1a64:${fnv1a64(text).toString(16).padStart(16, "0")}`;
}

function canonicalJson(value: unknown): string {
  if (value === undefined) return "u";
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof ArrayBuffer) return `b${[...new Uint8Array(value)].join(",")}`;
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "u";
}

const FNV_OFFSET_BASIS = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

function fnv1a64(text: string): bigint {
  let hash = FNV_OFFSET_BASIS;
  // Over UTF-16 code units, low byte then high byte: every string maps to one byte sequence.
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    for (const byte of [unit & 0xff, unit >>> 8]) {
      hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
    }
  }
  return hash;
}
