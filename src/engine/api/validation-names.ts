// Name, label and annotation rules of apimachinery's util/validation, with their exact error texts
// (including the double space RegexError puts before each further example).
import { invalid, tooLong } from './field-errors.ts';
import { stringMemo } from './memo.ts';
import type { StatusCause } from './types.ts';

// Models apimachinery validation RegexError: "<msg> (e.g. 'a',  or 'b', regex used for validation is '<re>')".
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  let s = msg + ' (';
  if (examples.length) {
    s += 'e.g. ';
    examples.forEach((ex, i) => {
      if (i > 0) s += ' or ';
      s += `'${ex}', `;
    });
  }
  return s + `regex used for validation is '${fmt}')`;
}

const maxLenError = (n: number): string => `must be no more than ${n} characters`;

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME_RE = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);

/** Problems with a DNS-1123 label (Service, StatefulSet, container names). Models IsDNS1123Label. */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!DNS1123_LABEL_RE.test(value)) {
    errs.push(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  }
  return errs;
}

const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_RE = new RegExp(`^${DNS1035_LABEL_FMT}$`);

/** Problems with a DNS-1035 label (Service names). Models IsDNS1035Label. */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!DNS1035_LABEL_RE.test(value)) {
    errs.push(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  }
  return errs;
}

/** Problems with a DNS-1123 subdomain (most object names). Models IsDNS1123Subdomain. */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN_RE.test(value)) {
    errs.push(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN_FMT, 'example.com'));
  }
  return errs;
}

/** Problems with a label or annotation key (`prefix/name`). Models IsQualifiedName. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part ' + 'must be non-empty');
    else for (const m of isDNS1123Subdomain(prefix)) errs.push('prefix part ' + m);
  } else {
    return [regexError("a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc') + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part ' + maxLenError(63));
  if (!QUALIFIED_NAME_RE.test(name)) {
    errs.push('name part ' + regexError("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc'));
  }
  return errs;
}

/** Problems with a label value. Models IsValidLabelValue. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE_RE.test(value)) {
    errs.push(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  }
  return errs;
}

/** Problems with a name used as one URL path segment (kinds without a stricter rule). Models path.IsValidPathSegmentName. */
export function isValidPathSegmentName(value: string): string[] {
  if (value === '.' || value === '..') return [`may not be '${value}'`];
  return ['/', '%'].filter((c) => value.includes(c)).map((c) => `may not contain '${c}'`);
}

// Exactly the values the checks above find no problem with, answered without building arrays or messages:
// names and label values are valid on nearly every write, and the checks run on each.
const isValidDNS1123Label = (v: string): boolean => v.length <= 63 && DNS1123_LABEL_RE.test(v);
const isValidDNS1123Subdomain = (v: string): boolean => v.length <= 253 && DNS1123_SUBDOMAIN_RE.test(v);
const isValidLabelValueText = (v: string): boolean => v.length <= 63 && LABEL_VALUE_RE.test(v);

// Qualified names (label and annotation keys) repeat on every object: the split and the regular expressions
// once per key.
const isValidQualifiedName = stringMemo((v) => isQualifiedName(v).length === 0);

// The checks with a valid-only fast path (isQualifiedName's is memoized, the others test the regex directly).
const FAST_VALID = new Map<(v: string) => string[], (v: string) => boolean>([
  [isDNS1123Label, isValidDNS1123Label],
  [isDNS1123Subdomain, isValidDNS1123Subdomain],
  [isQualifiedName, isValidQualifiedName],
  [isValidLabelValue, isValidLabelValueText],
]);

/** Whether `check` finds no problem with `value`: `check(value).length === 0`, faster for the common checks. */
export function passes(check: (v: string) => string[], value: string): boolean {
  const fast = FAST_VALID.get(check);
  return fast ? fast(value) : check(value).length === 0;
}

/** `field: Invalid value: "<v>": <msg>` for each problem the check finds. */
export function validateWith(check: (v: string) => string[], value: string, field: string): StatusCause[] {
  // A valid value (the usual case) builds no problem list.
  if (FAST_VALID.get(check)?.(value)) return [];
  return check(value).map((m) => invalid(field, value, m));
}

// Whether validateLabels finds nothing: no key sort and no cause arrays on the usual write.
function labelsValid(labels: Readonly<Record<string, string>>): boolean {
  for (const k of Object.keys(labels)) {
    if (!isValidQualifiedName(k) || !isValidLabelValueText(String(labels[k]))) return false;
  }
  return true;
}

/** Models apimachinery meta/v1/validation ValidateLabels: keys and values, reported at the map's path. */
export function validateLabels(labels: Readonly<Record<string, string>> | undefined, field: string): StatusCause[] {
  if (labels === undefined || labels === null || labelsValid(labels)) return [];
  const out: StatusCause[] = [];
  for (const k of Object.keys(labels ?? {}).sort()) {
    out.push(...validateWith(isQualifiedName, k, field));
    out.push(...validateWith(isValidLabelValue, String(labels![k]), field));
  }
  return out;
}

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

// Annotation keys are checked lower-cased; each key once.
const isValidAnnotationKey = stringMemo((k) => isValidQualifiedName(k.toLowerCase()));

// Whether validateAnnotations finds nothing, without sorting the keys.
function annotationsValid(annotations: Readonly<Record<string, string>>): boolean {
  let size = 0;
  for (const k of Object.keys(annotations)) {
    if (!isValidAnnotationKey(k)) return false;
    size += k.length + String(annotations[k]).length;
  }
  return size <= TOTAL_ANNOTATION_SIZE_LIMIT;
}

/** Models apimachinery api/validation ValidateAnnotations: keys are qualified names, total size ≤ 256 KiB. */
export function validateAnnotations(annotations: Readonly<Record<string, string>> | undefined, field: string): StatusCause[] {
  if (annotations === undefined || annotations === null || annotationsValid(annotations)) return [];
  const out: StatusCause[] = [];
  let size = 0;
  for (const k of Object.keys(annotations ?? {}).sort()) {
    for (const m of isQualifiedName(k.toLowerCase())) out.push(invalid(field, k, m));
    size += k.length + String(annotations![k]).length;
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) out.push(tooLong(field, TOTAL_ANNOTATION_SIZE_LIMIT));
  return out;
}

/** Metadata of a create: name rule, labels, annotations. Models apimachinery ValidateObjectMeta. */
export function validateObjectMeta(
  meta: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> } | undefined,
  nameCheck: (v: string) => string[],
): StatusCause[] {
  const out: StatusCause[] = [];
  const name = meta?.name ?? '';
  if (!name) out.push({ field: 'metadata.name', message: 'Required value: name or generateName is required', reason: 'FieldValueRequired' });
  else out.push(...validateWith(nameCheck, name, 'metadata.name'));
  out.push(...validateLabels(meta?.labels, 'metadata.labels'));
  out.push(...validateAnnotations(meta?.annotations, 'metadata.annotations'));
  return out;
}
