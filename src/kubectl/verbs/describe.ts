import type { Verb } from '../context.ts';
export const describe: Verb = { name: 'describe', short: '', flags: [] };
