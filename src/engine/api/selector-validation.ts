// Validation and Go renderings of metav1.LabelSelector (apimachinery meta/v1/validation ValidateLabelSelector
// and the generated String() the API server prints for a bad selector value).
import { forbidden, invalid, repr, required, type GoRepr } from './field-errors.ts';
import { asMap, asMaps, str } from './json-util.ts';
import type { JsonMap, StatusCause } from './types.ts';
import { isQualifiedName, isValidLabelValue, validateLabels, validateWith } from './validation-names.ts';

/** The generated String() of a *metav1.LabelSelector, e.g. `&LabelSelector{MatchLabels:map[string]string{app: nginx,},MatchExpressions:[]LabelSelectorRequirement{},}`. */
export function labelSelectorString(sel: JsonMap): GoRepr {
  const labels = asMap(sel.matchLabels) ?? {};
  const ml = Object.keys(labels).sort().map((k) => `${k}: ${String(labels[k])},`).join('');
  const me = asMaps(sel.matchExpressions).map((e) => {
    const values = Array.isArray(e.values) ? (e.values as string[]).join(' ') : '';
    return `LabelSelectorRequirement{Key:${str(e, 'key')},Operator:${str(e, 'operator')},Values:[${values}],},`;
  }).join('');
  return repr(`&LabelSelector{MatchLabels:map[string]string{${ml}},MatchExpressions:[]LabelSelectorRequirement{${me}},}`);
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
