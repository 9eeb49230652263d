import type { Verb } from '../context.ts';
export const apply: Verb = { name: 'apply', short: '', flags: [] };
