// The example scripts of `examples/` for the app: their names (in the main bundle) and their text (each loaded when
// asked for, a chunk of its own). Run in the terminal as a pasted block, they play as demos.

const files = import.meta.glob('../../examples/*.sim', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

const nameOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1).replace(/\.sim$/, '');

/** The shipped examples' names (`partition-canary`), sorted. */
export const EXAMPLES: readonly string[] = Object.keys(files).map(nameOf).sort();

/** The script of the example `name`, or undefined when there is none of that name. */
export async function loadExample(name: string): Promise<string | undefined> {
  const path = Object.keys(files).find((p) => nameOf(p) === name);
  return path ? files[path]!() : undefined;
}
