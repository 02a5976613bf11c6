// Python value semantics over JSON-like JS values, shared by templates and criteria.
// Numbers: a JS number that is an integer is a Python int, any other number a float; integral floats
// produced by arithmetic are boxed in PyFloat. Limitation: JSON `1.0` arrives as the int 1.
export { PyError, isPyError } from './errors.ts';
export { PyFloat, pyFloat, isPyNumber, isPyFloatValue, numericValue, floatRepr, intRepr } from './float.ts';
export { pyTuple, isPyTuple } from './tuple.ts';
export { pyTypeName, isDict, PY_TYPE, setOwn } from './types.ts';
export type { PyTypeName } from './types.ts';
export { pyStr, pyRepr, strRepr } from './repr.ts';
export { pyEquals, pyCompare } from './compare.ts';
export { pyTruthy, pyLower, pyUpper } from './truthy.ts';
export { jsonDumps, jsonString } from './json.ts';
export type { JsonDumpsOptions } from './json.ts';
export { parseCiso8601, instant, datetimeError, daysIn } from './ciso8601.ts';
export type { PyDateTime } from './ciso8601.ts';
export { parseDateutil } from './dateutil.ts';
