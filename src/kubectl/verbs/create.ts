import type { Verb } from '../context.ts';
export const create: Verb = { name: 'create', short: '', flags: [] };
