/**
 * Signer choice from `authSchemes`, region-name validation and fips
 * pseudo-region normalization, against botocore (one python3 run). botocore
 * is given SigV4a signers for the comparison, as this SDK has them.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidRegionError } from "../../../src/exceptions.js";
import { normalizeFipsRegion, selectAuthScheme, validateRegionName } from "../../../src/endpoints/index.js";
import { runPython } from "./python.js";

const V4 = { name: "sigv4", signingName: "s3", signingRegion: "us-west-2", disableDoubleEncoding: true };
const V4A = { name: "sigv4a", signingName: "s3", signingRegionSet: ["*"], disableDoubleEncoding: "true" };
const EXPRESS = { name: "sigv4-s3express", signingName: "s3express", signingRegion: "us-west-2", disableDoubleEncoding: true };
const ODD = { name: "sigv9", signingName: "x" };
const LISTS: unknown[] = [[V4], [V4A, V4], [V4A], [EXPRESS], [ODD], [ODD, V4], [{ name: "sigv4a", signingRegionSet: [] }], [], "nope"];
const PREFS: [string | null, boolean, string | null][] = [
  [null, false, null], ["v4", false, null], ["s3v4", false, null], ["s3v4-query", false, null], ["v4a", false, null],
  ["s3", false, null], ["v4-s3express", false, null], [null, true, null], [null, false, "sigv4a,sigv4"],
  [null, false, "sigv4"], [null, false, "noAuth"], [null, false, "httpBearerAuth,foo"],
];
const REGIONS = ["us-east-1", "aws-global", "", "bad region", "123", "us-east-1\n", "-us", "us-", "a".repeat(63), "a".repeat(64), "eu_west", "x.y", "fips-us-east-1", "us-east-1-fips"];

const PYTHON = String.raw`
import json, sys
import botocore.auth
from botocore.regions import EndpointRulesetResolver
from botocore import UNSIGNED
from botocore.utils import validate_region_name
from botocore.client import ClientCreator
for name in ("v4a", "s3v4a", "s3v4a-query"):
    botocore.auth.AUTH_TYPE_MAPS[name] = object
data = json.load(sys.stdin)
def outcome(thunk):
    try:
        return {"ok": thunk()}
    except Exception as e:
        return {"error": type(e).__name__, "message": str(e)}
auth = []
for schemes in data["lists"]:
    for requested, unsigned, preference in data["prefs"]:
        r = EndpointRulesetResolver.__new__(EndpointRulesetResolver)
        r._requested_auth_scheme = UNSIGNED if unsigned else requested
        r._auth_scheme_preference = preference
        auth.append(outcome(lambda: list(r.auth_schemes_to_signing_ctx(schemes))))
regions = [outcome(lambda: validate_region_name(region)) for region in data["regions"]]
creator = ClientCreator.__new__(ClientCreator)
fips = []
for region in data["regions"]:
    name, config = creator._normalize_fips_region(region, None)
    fips.append([name, bool(config and config.use_fips_endpoint)])
print(json.dumps({"auth": auth, "regions": regions, "fips": fips}))
`;

describe("auth scheme choice, region validation and fips regions vs botocore", () => {
  const expected = runPython<{ auth: unknown[]; regions: unknown[]; fips: unknown[] }>(PYTHON, { lists: LISTS, prefs: PREFS, regions: REGIONS });

  test(`${LISTS.length * PREFS.length} (authSchemes, preference) pairs`, () => {
    const failures: string[] = [];
    let i = 0;
    for (const schemes of LISTS) {
      for (const [requested, unsigned, preference] of PREFS) {
        let got: unknown;
        try {
          const r = selectAuthScheme(schemes, { requested, unsigned, preference });
          got = { ok: [r.auth_type, r.signing] };
        } catch (err) {
          got = { error: (err as Error).name, message: (err as Error).message };
        }
        const want = expected.auth[i++];
        if (JSON.stringify(got) !== JSON.stringify(want)) {
          failures.push(`${JSON.stringify(schemes)} ${JSON.stringify([requested, unsigned, preference])}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  test("validateRegionName", () => {
    REGIONS.forEach((region, i) => {
      let got: unknown = { ok: null };
      try {
        validateRegionName(region);
      } catch (err) {
        assert.ok(err instanceof InvalidRegionError);
        got = { error: "InvalidRegionError", message: err.message };
      }
      assert.deepStrictEqual(got, expected.regions[i], JSON.stringify(region));
    });
    assert.doesNotThrow(() => validateRegionName(null));
  });

  test("normalizeFipsRegion", () => {
    REGIONS.forEach((region, i) => {
      const { region_name, use_fips_endpoint } = normalizeFipsRegion(region);
      assert.deepStrictEqual([region_name, use_fips_endpoint], expected.fips[i], JSON.stringify(region));
    });
  });
});
