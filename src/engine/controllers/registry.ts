// The controllers every cluster runs, in the order they see each change.
import type { Controller } from '../cluster.ts';

export const controllers: Controller[] = [];
