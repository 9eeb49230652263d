import type { Verb } from '../context.ts';
export const set: Verb = { name: 'set', short: '', flags: [] };
