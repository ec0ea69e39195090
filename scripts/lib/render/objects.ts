import type { JsonObject } from '../json/object.js';
import { UNSAFE_KEYS } from '../json/scan.js';

/** True when `obj` has `key` as its own property (never consults the prototype chain). */
export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/**
 * Sets an own data property. Keys such as `__proto__` are defined rather than assigned, so
 * untrusted keys stay plain data on this object and never reach (or replace) a prototype.
 */
export function setOwn(obj: JsonObject, key: string, value: unknown): void {
  if (UNSAFE_KEYS.has(key)) Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}

/**
 * True when a string holds a lone surrogate, which `encodeURI` (and so the JSON Schema
 * validator's pointer encoding) rejects. A plain scan: keys are almost always ASCII.
 */
export function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    return true;
  }
  return false;
}
