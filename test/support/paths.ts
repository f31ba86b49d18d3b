/** Where tests find the repository, its built data and the shared conformance suites. */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (tests run from dist/test/..., compiled). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
/** ../shared/conformance beside the repository: the spec, read in place, never copied. */
export const CONFORMANCE_ROOT = resolve(REPO_ROOT, "..", "shared", "conformance");
/** botocore's test data inside the conformance folder. */
export const BOTOCORE_TESTS = resolve(CONFORMANCE_ROOT, "botocore", "tests");
