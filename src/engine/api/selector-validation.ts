// Validation of metav1.LabelSelector (apimachinery meta/v1/validation ValidateLabelSelector) and the JSON the API
// server prints for a bad selector value.
import { forbidden, invalid, repr, required, type GoRepr } from './field-errors.ts';
import { goJson } from './go-json.ts';
import { asMap, asMaps, str } from './json-util.ts';
import type { JsonMap, StatusCause } from './types.ts';
import { isQualifiedName, isValidLabelValue, validateLabels, validateWith } from './validation-names.ts';

/**
 * The JSON of a *metav1.LabelSelector, as a bad selector value prints (its JSON tags: empty fields omitted, `{}` for
 * an empty selector; labels in sorted key order as Go marshals a map).
 */
export function labelSelectorJson(sel: JsonMap | undefined): GoRepr {
  if (!sel) return repr('null');
  const parts: string[] = [];
  const labels = asMap(sel.matchLabels);
  if (labels && Object.keys(labels).length) parts.push(`"matchLabels":${goJson(labels)}`);
  const exprs = asMaps(sel.matchExpressions);
  if (exprs.length) {
    parts.push(`"matchExpressions":[${exprs.map((e) => {
      const values = Array.isArray(e.values) && e.values.length ? `,"values":${goJson(e.values)}` : '';
      return `{"key":${goJson(str(e, 'key'))},"operator":${goJson(str(e, 'operator'))}${values}}`;
    }).join(',')}]`);
  }
  return repr(`{${parts.join(',')}}`);
}

/**
 * Problems with a selector's labels and expressions; `convertible` is false when LabelSelectorAsSelector
 * would fail too. Models ValidateLabelSelector: strict label values in expressions unless
 * `allowInvalidLabelValue` (LabelSelectorValidationOptions.AllowInvalidLabelValueInSelector).
 */
export function validateLabelSelector(sel: JsonMap, path: string, allowInvalidLabelValue = false): { errs: StatusCause[]; convertible: boolean } {
  const errs: StatusCause[] = [];
  let convertible = true;
  const labelErrs = validateLabels(asMap(sel.matchLabels) as Record<string, string> | undefined, `${path}.matchLabels`);
  if (labelErrs.length) convertible = false;
  errs.push(...labelErrs);
  asMaps(sel.matchExpressions).forEach((e, i) => {
    const at = `${path}.matchExpressions[${i}]`;
    const op = str(e, 'operator');
    const values = Array.isArray(e.values) ? (e.values as string[]) : [];
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) { errs.push(required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'")); convertible = false; }
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) { errs.push(forbidden(`${at}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'")); convertible = false; }
    } else {
      errs.push(invalid(`${at}.operator`, op, 'not a valid selector operator'));
      convertible = false;
    }
    const keyErrs = validateWith(isQualifiedName, str(e, 'key'), `${at}.key`);
    if (keyErrs.length) convertible = false;
    errs.push(...keyErrs);
    values.forEach((v, j) => {
      const vErrs = validateWith(isValidLabelValue, String(v), `${at}.values[${j}]`);
      if (vErrs.length) convertible = false;
      if (!allowInvalidLabelValue) errs.push(...vErrs);
    });
  });
  return { errs, convertible };
}
