import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost: 2^15 x 8 blocks takes tens of milliseconds and 32 MiB, which makes guessing expensive. */
const COST = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_BYTES = 16;

function derive(secret: string, salt: Buffer, cost: { N: number; r: number; p: number }, length = KEY_LENGTH): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFKC'), salt, length, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** Hashes a password or token secret as `scrypt$N=…,r=…,p=…$salt$hash`, with a fresh random salt. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(secret, salt, COST);
  return `scrypt$N=${COST.N},r=${COST.r},p=${COST.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

const ENCODED = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/** Checks a secret against a stored hash in constant time; a malformed hash never matches. */
export async function verifySecret(secret: string, encoded: string): Promise<boolean> {
  const m = ENCODED.exec(encoded);
  if (!m) return false;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Stored parameters are ours, but bound them so a damaged record cannot stall the server.
  if (N > 2 ** 20 || r > 32 || p > 16) return false;
  const expected = Buffer.from(m[5]!, 'base64');
  if (expected.length < 16 || expected.length > 64) return false;
  const actual = await derive(secret, Buffer.from(m[4]!, 'base64'), { N, r, p }, expected.length);
  return timingSafeEqual(expected, actual);
}

let dummy: Promise<string> | undefined;

/** A hash no input matches, verified against when a name is unknown so both paths cost the same. */
export function dummyHash(): Promise<string> {
  dummy ??= hashSecret(randomBytes(32).toString('base64url'));
  return dummy;
}
