import type { Verb } from '../context.ts';
export const rollout: Verb = { name: 'rollout', short: '', flags: [] };
