const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '@#%&*+=?';
const ALL = UPPER + LOWER + DIGITS + SYMBOLS;

function pick(chars: string, random: Uint32Array, i: number): string {
  return chars[random[i] % chars.length];
}

/**
 * A temporary password an admin reads out or sends once: 12 characters with every class the password policy counts
 * (so it always passes), without look-alikes (0/O, 1/l/I) that get mistyped from a phone call.
 */
export function temporaryPassword(length = 12): string {
  const random = crypto.getRandomValues(new Uint32Array(length * 2));
  const chars = [pick(UPPER, random, 0), pick(LOWER, random, 1), pick(DIGITS, random, 2), pick(SYMBOLS, random, 3)];
  for (let i = chars.length; i < length; i++) chars.push(pick(ALL, random, i));
  // Shuffle so the classes are not always in the same places (Fisher–Yates on the second half of the random draw).
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random[length + i] % (i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
