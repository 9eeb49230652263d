// Generated name suffixes, drawn from the cluster PRNG so runs stay reproducible.

// 5 characters from utilrand's alphabet (no vowels, no 0/1/3). Models k8s.io/apiserver/pkg/storage/names
// simpleNameGenerator.GenerateName (used for generateName, and by admission plugins that name things).
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** The random part the API server appends to a generated name. */
export function randomSuffix(random: () => number): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += NAME_ALPHABET[Math.floor(random() * NAME_ALPHABET.length)];
  return s;
}
