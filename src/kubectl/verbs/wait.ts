import type { Verb } from '../context.ts';
export const wait: Verb = { name: 'wait', short: '', flags: [] };
