// How the files on a claim's volume are listed on its card and in the claims table.
import type { VolumeFile } from '../../engine/index.ts';

/** One file with its size (`index.html (6 B)`); several by name, the first two and how many more (`a, b +1`). */
export function filesText(files: readonly VolumeFile[]): string {
  if (files.length === 1) return `${files[0].path} (${files[0].bytes} B)`;
  return files.slice(0, 2).map((f) => f.path).join(', ') + (files.length > 2 ? ` +${files.length - 2}` : '');
}
