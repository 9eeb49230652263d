import type { Verb } from '../context.ts';
export const scale: Verb = { name: 'scale', short: '', flags: [] };
