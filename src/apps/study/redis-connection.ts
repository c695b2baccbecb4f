import type { ConnectionOptions } from "bullmq";
import { InvalidOptionError } from "../../index.js";

/**
 * BullMQ connection options from a Redis URL: `redis://[user:password@]host[:port][/db]` (`rediss://` for
 * TLS). Workers block on Redis, so requests are retried forever rather than failing after a few tries.
 *
 * @throws `InvalidOptionError` for a URL that is not `redis://` or `rediss://`.
 */
export function redisConnection(url: string): ConnectionOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidOptionError("redis", "a URL redis://host:port", url);
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:")
    throw new InvalidOptionError("redis", "a URL redis://host:port", url);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname,
    port: parsed.port === "" ? 6379 : Number(parsed.port),
    db: Number.isInteger(db) ? db : 0,
    ...(parsed.username === "" ? {} : { username: decodeURIComponent(parsed.username) }),
    ...(parsed.password === "" ? {} : { password: decodeURIComponent(parsed.password) }),
    ...(parsed.protocol === "rediss:" ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}
