/**
 * What a terminal acts on, for tests of terminal-safe output. Matching control characters is the point
 * here, so the lint rule against them in regular expressions does not apply.
 */
/* eslint-disable no-control-regex -- these patterns exist to find control characters */

/** C0 controls except newline and tab, DEL, C1 controls: must never reach a terminal raw. */
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Every C0 control (newline and tab included), DEL, C1, the separators and bidirectional controls. */
export const UNSAFE_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** As UNSAFE_IN_LINE, but newline and tab are allowed (a block printed as several lines). */
export const UNSAFE_IN_BLOCK =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
