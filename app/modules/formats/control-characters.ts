// Control characters, in one place: PostgreSQL cannot store a NUL byte in text, and no value a
// person types holds a control character other than tab and line breaks. Used by the request
// guard (addresses), the form reader and the JSON body reader.
/* eslint-disable no-control-regex -- matching control characters is the point */

/** Any C0 control character or DEL: never part of an address or a one-line value. */
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/

/** A control character other than tab, line feed and carriage return: never in typed text. */
export const UNTYPABLE_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
