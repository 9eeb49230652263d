import type { Verb } from '../context.ts';
export const del: Verb = { name: 'delete', short: '', flags: [] };
