import type { Verb } from '../context.ts';
export const patch: Verb = { name: 'patch', short: '', flags: [] };
