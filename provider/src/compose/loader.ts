// PLACEHOLDER (replaced by the loader work): discovery, parse, merge, include, extends, interpolate,
// schema validation, normalization, profiles.
import type { LoadOptions, LoadResult } from "./index";

export function loadComposeProject(_opts: LoadOptions): LoadResult {
    throw new Error("compose loader not implemented yet");
}
