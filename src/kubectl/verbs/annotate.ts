import type { Verb } from '../context.ts';
export const annotate: Verb = { name: 'annotate', short: '', flags: [] };
