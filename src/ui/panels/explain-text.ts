// Turns the engine's trace records into sentences in the chosen language. The engine writes no prose:
// each record picks the most specific message key whose placeholders it can fill.
import type { TraceRecord } from '../../engine/index.ts';
import { isMessageKey, translate, type Lang, type Params } from '../i18n/translate.ts';
import { MESSAGES } from '../i18n/translate.ts';

/** The values a record offers to its sentence: object, kind, set, rule, namespace and every detail field. */
export function recordParams(rec: TraceRecord): Params {
  return {
    ...(rec.detail ?? {}),
    object: rec.object?.name,
    kind: rec.object?.kind,
    set: rec.set?.name,
    rule: rec.rule,
    ns: rec.object?.namespace ?? rec.set?.namespace,
    type: rec.type,
  };
}

/** Message keys tried for a record, most specific first. */
export function candidateKeys(rec: TraceRecord): string[] {
  const keys: string[] = [];
  const kind = rec.object?.kind;
  if (rec.rule) {
    // A scale-down says what happens to the pod's PVCs (kept, deleted with it, or none).
    const claims = rec.detail?.claims;
    if (kind && typeof claims === 'string') keys.push(`explain.${rec.type}.${rec.rule}.${kind}.claims-${claims}`);
    if (kind) keys.push(`explain.${rec.type}.${rec.rule}.${kind}`);
    keys.push(`explain.${rec.type}.${rec.rule}`);
  }
  if (kind) keys.push(`explain.${rec.type}.${kind}`);
  keys.push(`explain.${rec.type}`, 'explain.generic');
  return keys;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** Whether every `{name}` of the English template has a value in `params`. */
function fillable(key: string, params: Params): boolean {
  if (!isMessageKey(key)) return false;
  for (const m of MESSAGES.en[key].matchAll(PLACEHOLDER)) {
    const v = params[m[1]];
    if (v === undefined || v === null || v === '') return false;
  }
  return true;
}

/** The sentence for one record in `lang` (always returns something: the generic sentence is the floor). */
export function explainRecord(lang: Lang, rec: TraceRecord): string {
  const params = recordParams(rec);
  for (const key of candidateKeys(rec)) {
    if (fillable(key, params) && isMessageKey(key)) return translate(lang, key, params);
  }
  return `${rec.type} ${rec.object?.name ?? rec.set?.name ?? ''}`.trim();
}

/**
 * Records worth a sentence in the explain panel: decisions, not progress ticks. Status records only when a
 * rollout completes; kubelet stages stay in the pod's story.
 */
export function isExplained(rec: TraceRecord): boolean {
  if (rec.type === 'controller.status') return rec.detail?.revisionAdvanced === true;
  return rec.type !== 'engine.error' && rec.type !== 'kubelet.stage';
}

// The caption tells the StatefulSet's story: the controller's decisions (and its waits), what the user did, a
// probe's verdict (why a pod is not Ready, or no longer), and an init container's progress (why a pod is Init:N/M). Routine follow-ups (endpoints, volume binding, placement)
// stay in the Why list. Scheduler waits are transient and would linger as a stale headline once the pod runs, so
// they stay out.
const HEADLINE = /^(controller|user|node|gc|podgc)\.|^kubelet\.(probe|init)$/;

/** The newest headline record worth a sentence, else the newest explained record, else undefined. */
export function latestExplained(trace: readonly TraceRecord[]): TraceRecord | undefined {
  let fallback: TraceRecord | undefined;
  for (let i = trace.length - 1; i >= 0; i--) {
    const rec = trace[i];
    if (!isExplained(rec)) continue;
    if (HEADLINE.test(rec.type)) return rec;
    fallback ??= rec;
  }
  return fallback;
}
