// Constructors for the API server's error Statuses, with the upstream message texts.
import { GROUP, qualifiedResource, type ApiStatus, type Kind, type StatusCause } from './types.ts';
import { goQuote } from './field-errors.ts';

function status(reason: ApiStatus['reason'], code: number, message: string, details?: ApiStatus['details']): ApiStatus {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, code, ...(details ? { details } : {}) };
}

/**
 * An error the API server passes on without classifying it (ErrorToAPIStatus of a plain error: reason Unknown, code
 * 500), such as its proxy's failure to dial a kubelet.
 */
export function unclassified(message: string): ApiStatus {
  return status('', 500, message);
}

/**
 * A kubelet's plain-text refusal of a stream (exec, attach), which the client words `unable to upgrade connection:
 * …` and kubectl prints after `error: `.
 */
export function kubeletRefusal(message: string): ApiStatus {
  return status('InternalError', 500, `unable to upgrade connection: ${message}`);
}

/** `statefulsets.apps "web" not found` */
export function notFound(kind: Kind, name: string): ApiStatus {
  return status('NotFound', 404, `${qualifiedResource(kind)} "${name}" not found`, { name, kind: qualifiedResource(kind).split('.')[0], group: GROUP[kind] || undefined });
}

/** `statefulsets.apps "web" already exists` */
export function alreadyExists(kind: Kind, name: string): ApiStatus {
  return status('AlreadyExists', 409, `${qualifiedResource(kind)} "${name}" already exists`, { name, kind: qualifiedResource(kind).split('.')[0] });
}

/** `Operation cannot be fulfilled on statefulsets.apps "web": the object has been modified; please apply your changes to the latest version and try again` */
export function conflict(kind: Kind, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again'): ApiStatus {
  return status('Conflict', 409, `Operation cannot be fulfilled on ${qualifiedResource(kind)} "${name}": ${why}`, { name });
}

/** An Invalid status: `StatefulSet.apps "web" is invalid: <causes>`; kubectl re-renders it from the causes. */
export function invalid(kind: Kind, name: string, causes: StatusCause[]): ApiStatus {
  const qualifiedKind = GROUP[kind] ? `${kind}.${GROUP[kind]}` : kind;
  const rendered = causes.map((c) => `${c.field}: ${c.message}`);
  const message = `${qualifiedKind} "${name}" is invalid: ${rendered.length === 1 ? rendered[0] : `[${rendered.join(', ')}]`}`;
  return status('Invalid', 422, message, { name, group: GROUP[kind] || undefined, kind, causes });
}

/**
 * The Invalid a patch request gets when its result cannot be decoded (patch.go: an error list on the field
 * `patch`, without kind or name): `value` is what the server shows of the patch, `detail` the decoder's error.
 */
export function invalidPatch(value: string, detail: string): ApiStatus {
  const cause = { field: 'patch', message: `Invalid value: ${goQuote(value)}: ${detail}` };
  return status('Invalid', 422, ` "" is invalid: patch: ${cause.message}`, { name: '', kind: '', causes: [cause] });
}

/** A BadRequest, e.g. a strict decoding error. */
export function badRequest(message: string): ApiStatus {
  return status('BadRequest', 400, message);
}

/** A Forbidden, e.g. creating in a namespace that is terminating. */
export function forbidden(message: string): ApiStatus {
  return status('Forbidden', 403, message);
}

/** An internal error: a bug inside the engine, reported instead of thrown. */
export function internalError(message: string): ApiStatus {
  return status('InternalError', 500, `Internal error occurred: ${message}`);
}

/** A Conflict on the pods/binding subresource: `Operation cannot be fulfilled on pods/binding "web-0": <why>`. */
export function bindingConflict(name: string, why: string): ApiStatus {
  return status('Conflict', 409, `Operation cannot be fulfilled on pods/binding "${name}": ${why}`, { name, kind: 'pods/binding' } as ApiStatus['details']);
}

/**
 * The Eviction API's refusal while a PodDisruptionBudget allows no disruption (429, retried by drain); `cause`
 * says which budget and why (eviction.go createTooManyRequestsError, checkAndDecrement).
 */
export function disruptionBudget(cause: string): ApiStatus {
  return status('TooManyRequests', 429, "Cannot evict pod as it would violate the pod's disruption budget.", { causes: [{ field: '', reason: 'DisruptionBudget', message: cause }] });
}
