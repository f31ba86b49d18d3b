/**
 * Undo the URL encoding that list-objects-encoding-type.ts asked S3 for
 * (botocore's `decode_list_object`, `_v2` and `_versions`), so callers and
 * paginators see keys as stored. Nothing is decoded when the caller chose
 * the encoding.
 */
import type { HandlerKwargs, ParsedResponse, RequestContext } from "../../events/event-names.js";
import { pyUnquotePlus } from "../common/python-quote.js";

/** Which members of one list operation's output S3 URL-encodes. */
interface EncodedMembers {
  readonly topLevel: readonly string[];
  /** `[list member, key inside each item]`. */
  readonly nested: readonly (readonly [string, string])[];
}

// botocore decodes with unquote_plus, so `+` becomes a space. Only text is decoded; botocore would fail on anything else, which parsers never produce here.
function decoded(value: unknown): unknown {
  return typeof value === "string" ? pyUnquotePlus(value) : value;
}

function decodeListing(members: EncodedMembers, parsed: ParsedResponse, context: RequestContext): void {
  if (parsed.EncodingType !== "url" || !context.encoding_type_auto_set) return;
  for (const key of members.topLevel) {
    if (key in parsed) parsed[key] = decoded(parsed[key]);
  }
  for (const [listKey, childKey] of members.nested) {
    const list = parsed[listKey];
    if (!Array.isArray(list)) continue;
    for (const item of list as Record<string, unknown>[]) {
      if (childKey in item) item[childKey] = decoded(item[childKey]);
    }
  }
}

// S3 documents which elements it encodes for each operation.
const LIST_OBJECTS: EncodedMembers = {
  topLevel: ["Delimiter", "Marker", "NextMarker"],
  nested: [["Contents", "Key"], ["CommonPrefixes", "Prefix"]],
};
const LIST_OBJECTS_V2: EncodedMembers = {
  topLevel: ["Delimiter", "Prefix", "StartAfter"],
  nested: [["Contents", "Key"], ["CommonPrefixes", "Prefix"]],
};
const LIST_OBJECT_VERSIONS: EncodedMembers = {
  topLevel: ["KeyMarker", "NextKeyMarker", "Prefix", "Delimiter"],
  nested: [["Versions", "Key"], ["DeleteMarkers", "Key"], ["CommonPrefixes", "Prefix"]],
};

/** Decodes a ListObjects result. */
export function decodeListObject({ parsed, context }: HandlerKwargs<"after-call">): void {
  decodeListing(LIST_OBJECTS, parsed, context);
}

/** Decodes a ListObjectsV2 result. */
export function decodeListObjectV2({ parsed, context }: HandlerKwargs<"after-call">): void {
  decodeListing(LIST_OBJECTS_V2, parsed, context);
}

/** Decodes a ListObjectVersions result. */
export function decodeListObjectVersions({ parsed, context }: HandlerKwargs<"after-call">): void {
  decodeListing(LIST_OBJECT_VERSIONS, parsed, context);
}
