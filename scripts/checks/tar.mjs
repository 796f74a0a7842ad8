// Lists the files of a (gzipped) tarball such as `pnpm pack` writes, with Node built-ins only:
// ustar headers, GNU long names and pax path records.
import { Buffer } from "node:buffer";
import { gunzipSync } from "node:zlib";

/**
 * @typedef {object} TarEntry
 * @property {string} path as stored (npm tarballs prefix every path with `package/`)
 * @property {number} size in bytes
 * @property {"file" | "directory" | "other"} type
 */

/**
 * @param {Uint8Array} bytes
 * @param {number} start
 * @param {number} length
 */
function field(bytes, start, length) {
  const raw = Buffer.from(bytes.subarray(start, start + length)).toString("utf8");
  const end = raw.indexOf("\0");
  return end < 0 ? raw : raw.slice(0, end);
}

/**
 * The `path` record of a pax extended header, if any.
 * @param {Uint8Array} body
 */
function paxPath(body) {
  for (const record of Buffer.from(body).toString("utf8").split("\n")) {
    const match = /^\d+ path=(.*)$/.exec(record);
    if (match) return match[1];
  }
  return undefined;
}

/**
 * @param {Uint8Array} archive a .tgz or plain .tar
 * @returns {TarEntry[]}
 */
export function listTarball(archive) {
  const gzipped = archive[0] === 0x1f && archive[1] === 0x8b;
  const data = gzipped ? gunzipSync(archive) : archive;
  /** @type {TarEntry[]} */
  const entries = [];
  /** @type {string | undefined} */
  let nextPath;
  let offset = 0;
  while (offset + 512 <= data.length) {
    const header = data.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const size = parseInt(field(header, 124, 12).trim() || "0", 8);
    const flag = String.fromCharCode(header[156] ?? 0);
    const body = data.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (flag === "x") {
      nextPath = paxPath(body) ?? nextPath;
      continue;
    }
    if (flag === "L") {
      nextPath = field(body, 0, body.length);
      continue;
    }
    if (flag === "g" || flag === "K") continue;
    const name = field(header, 0, 100);
    const prefix = field(header, 257, 6).startsWith("ustar") ? field(header, 345, 155) : "";
    const path = nextPath ?? (prefix ? `${prefix}/${name}` : name);
    nextPath = undefined;
    const type = flag === "0" || flag === "\0" ? "file" : flag === "5" ? "directory" : "other";
    entries.push({ path, size, type });
  }
  return entries;
}

/**
 * The files of an npm package tarball, relative to the package root (`package/dist/x.js` ->
 * `dist/x.js`).
 * @param {Uint8Array} archive
 * @returns {Set<string>}
 */
export function packageFiles(archive) {
  return new Set(
    listTarball(archive)
      .filter((entry) => entry.type === "file")
      .map((entry) => entry.path.replace(/^[^/]+\//, "")),
  );
}
