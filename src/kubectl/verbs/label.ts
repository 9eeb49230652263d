import type { Verb } from '../context.ts';
export const label: Verb = { name: 'label', short: '', flags: [] };
