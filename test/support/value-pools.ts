/**
 * The values the generated corpora draw from: strings with the characters
 * that break URIs, query strings, XML and JSON; numbers at their edges;
 * timestamps in every form a caller or a service uses.
 */

/** Strings for bodies: reserved and escaped characters, unicode past the BMP, whitespace. */
export const BODY_STRINGS: readonly string[] = [
  "plain",
  "",
  "with space",
  "a/b?c#d%e+f~g",
  "x&y=z;w,v",
  '"double" \'single\'',
  "<tag attr=\"v\">&amp;</tag>",
  "]]>",
  "tab\tnew\nline\rcarriage",
  "back\\slash",
  "é ü ñ ß",
  "中文字符",
  "😀 emoji 𝄞",
  "  padded  ",
  "007",
  "true",
  "1e3",
  "null",
  "%2F%20",
  "a*b(c)!'",
  "\u00a0nbsp\u2028sep",
];

/** Non-greedy URI labels: every reserved character gets percent-encoded. */
export const URI_LABELS: readonly string[] = [
  "simple",
  "with space",
  "a/b",
  "q?x=1",
  "frag#ment",
  "100%",
  "+plus+",
  "~tilde~",
  "é😀",
  "a%2Fb",
  "..",
  "-_.~",
  "@:$&,;=",
  "[brackets]",
  "'quote'",
  "*star*",
];

/** Greedy URI labels (`{Key+}`): slashes are kept, the rest encoded. */
export const GREEDY_LABELS: readonly string[] = [
  "dir/sub dir/file name.txt",
  "/leading/slash",
  "a//b",
  "../up",
  "key+with+plus",
  "ü/😀/%",
  "trailing/",
  "~/a?b#c",
];

/** Header values: commas and quotes matter to header lists. */
export const HEADER_STRINGS: readonly string[] = [
  "plain",
  "with space",
  "a,b",
  'say "hi"',
  "é😀",
  "  padded  ",
  "x=y; z",
  "",
];

/** Keys for maps: the same hazards as strings, in key position. */
export const MAP_KEYS: readonly string[] = ["key", "key two", "a/b", "é😀", "x&y=z", "dot.ted", "Upper", "<k>", "%25"];

/** Host-prefix labels botocore accepts (`^[A-Za-z0-9.-]+$`). */
export const HOST_LABELS: readonly string[] = ["label", "my-label.1", "ABC123", "a.b.c"];

/** Host-prefix labels botocore refuses. */
export const BAD_HOST_LABELS: readonly string[] = ["bad label", "under_score", "a/b", "é"];

/** Integer members. */
export const INTEGERS: readonly number[] = [0, 1, -1, 7, 42, 1000, 2147483647, -2147483648];

/** Long members: up to and past 2^53 (bigints). */
export const LONGS: readonly (number | bigint)[] = [
  0, -1, 1234567890123, 9007199254740991, -9007199254740991, 9007199254740993n, 9223372036854775807n, -9223372036854775808n,
];

/** Float members (float32 on CBOR's wire): values float32 holds, and the specials. */
export const FLOATS: readonly number[] = [1.5, -2.25, 0.1, 3, 1e-7, 123456.789, 0.5, NaN, Infinity, -Infinity];

/** Double members. */
export const DOUBLES: readonly number[] = [
  2.5, -0.5, 1e21, 1e-5, 0.30000000000000004, 1e16, 123456789.125, 5e-324, 1.7976931348623157e308, 3, NaN, Infinity, -Infinity,
];

/** Timestamps as a caller passes them: Dates, epoch numbers, and the strings botocore's parse_to_aware_datetime reads. */
export const TIMESTAMPS: readonly (Date | number | string)[] = [
  new Date(Date.UTC(2015, 0, 25, 8, 0, 0, 123)),
  new Date(Date.UTC(2019, 11, 16, 23, 48, 18)),
  new Date(Date.UTC(1969, 6, 20, 20, 17, 40)),
  1422172800,
  1422172800.5,
  1422172800.123456,
  "2015-01-25T08:00:00Z",
  "2015-01-25T08:00:00.123456Z",
  "2015-01-25T08:00:00.1234567891Z",
  "2015-01-25T08:00:00+05:30",
  "2015-01-25 08:00:00",
  "20150125T080000Z",
  "2015-01-25",
  "Sun, 25 Jan 2015 08:00:00 GMT",
  "Sunday, 25-Jan-15 08:00:00 GMT",
  "Sun Jan 25 08:00:00 2015",
  "1422172800",
  "1422172800.25",
];

/** Timestamps CBOR can carry in botocore (its encoder refuses negative epochs). */
export function isNonNegativeTimestamp(value: Date | number | string): boolean {
  if (value instanceof Date) return value.getTime() >= 0;
  return true;
}

/** A random JSON document: objects, arrays, strings, integers, non-integral floats, booleans, null. */
export function documentValue(pick: <T>(items: readonly T[]) => T, depth: number): unknown {
  const kind = depth > 2 ? pick(["string", "int", "float", "bool", "null"]) : pick(["object", "array", "string", "int", "float", "bool", "null", "object"]);
  switch (kind) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const key of [pick(MAP_KEYS), pick(["a", "b", "nested"])]) out[key] = documentValue(pick, depth + 1);
      return out;
    }
    case "array":
      return [documentValue(pick, depth + 1), documentValue(pick, depth + 1)];
    case "string":
      return pick(BODY_STRINGS);
    case "int":
      return pick([0, -7, 123456789, 9007199254740991]);
    case "float":
      return pick([2.5, -0.125, 1e-7, 6.02e23]);
    case "bool":
      return pick([true, false]);
    default:
      return null;
  }
}
