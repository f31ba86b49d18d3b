/**
 * Bookkeeping for the differential protocol tests: how each case came out
 * against botocore, tallied per protocol, and the report printed at the
 * end (mismatches by protocol, cases where botocore itself fails).
 */

/** An exception as the botocore worker describes it. */
export interface PythonError {
  type: string;
  module: string;
  message: string;
}

/** How one case compared. */
export type Outcome =
  /** Both produced the same result. */
  | { kind: "identical"; detail?: string }
  /** Both refused the input with the same error class. */
  | { kind: "both-refuse"; detail: string }
  /** botocore crashed with a non-botocore exception (its bug): listed, not a mismatch. */
  | { kind: "botocore-crash"; detail: string }
  /** A known, explained difference. */
  | { kind: "excluded"; detail: string }
  /** A difference: our bug until shown otherwise. */
  | { kind: "mismatch"; detail: string };

/** True for an exception botocore raises on purpose (its own classes), false for a crash (KeyError, TypeError, ...). */
export function isBotocoreError(error: PythonError): boolean {
  return error.module.startsWith("botocore");
}

/** The class name of an error we raised, or a description of a thrown non-Error. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : `non-Error ${typeof error}`;
}

/** Errors this package may raise from a serializer or a parser: botocore's classes. */
const DOCUMENTED = new Set(["ParamValidationError", "ResponseParserError", "ValidationError", "UnsupportedServiceProtocolsError"]);

/**
 * The outcome when at least one side raised: same class on both sides is
 * agreement; a botocore crash is botocore's; anything else a mismatch.
 */
export function errorOutcome(ours: unknown, theirs: PythonError | undefined): Outcome {
  if (theirs !== undefined && !isBotocoreError(theirs)) {
    const what = ours === undefined ? "we succeed" : `we raise ${errorName(ours)}: ${(ours as Error).message}`;
    return { kind: "botocore-crash", detail: `botocore raises ${theirs.type}: ${theirs.message.slice(0, 200)} (${what})` };
  }
  if (ours !== undefined && !DOCUMENTED.has(errorName(ours))) {
    return { kind: "mismatch", detail: `we raise undocumented ${errorName(ours)}: ${(ours as Error).message}\n${(ours as Error).stack ?? ""}` };
  }
  if (theirs === undefined) return { kind: "mismatch", detail: `we raise ${errorName(ours)}: ${(ours as Error).message}; botocore succeeds` };
  if (ours === undefined) return { kind: "mismatch", detail: `botocore raises ${theirs.type}: ${theirs.message}; we succeed` };
  if (errorName(ours) !== theirs.type) {
    return { kind: "mismatch", detail: `we raise ${errorName(ours)}: ${(ours as Error).message}; botocore raises ${theirs.type}: ${theirs.message}` };
  }
  const same = (ours as Error).message === theirs.message;
  // Group refusals by kind: the shape a union message names is left out.
  const message = theirs.message.split("\n")[0]!.replace(/response: \w+ must have/, "response: <shape> must have").slice(0, 100);
  return {
    kind: "both-refuse",
    detail: same ? `${theirs.type}: ${message}` : `${theirs.type}: botocore ${JSON.stringify(message)}, ours ${JSON.stringify((ours as Error).message.split("\n")[0]!.slice(0, 100))}`,
  };
}

interface Tally {
  services: Set<string>;
  operations: number;
  cases: number;
  counts: Record<Outcome["kind"], number>;
  listed: string[];
  byteIdentical: number;
  /** Why both sides refused, with how often. */
  refusals: Map<string, number>;
}

/** Per-protocol tallies and the lists the final report prints. */
export class ParityReport {
  private readonly tallies = new Map<string, Tally>();

  constructor(private readonly protocols: readonly string[]) {
    for (const protocol of protocols) this.tally(protocol);
  }

  private tally(protocol: string): Tally {
    let tally = this.tallies.get(protocol);
    if (tally === undefined) {
      tally = {
        services: new Set(),
        operations: 0,
        cases: 0,
        counts: { identical: 0, "both-refuse": 0, "botocore-crash": 0, excluded: 0, mismatch: 0 },
        listed: [],
        byteIdentical: 0,
        refusals: new Map(),
      };
      this.tallies.set(protocol, tally);
    }
    return tally;
  }

  /** Counts an operation of a service (once per operation, however many cases it has). */
  addOperation(protocol: string, service: string): void {
    const tally = this.tally(protocol);
    tally.services.add(service);
    tally.operations++;
  }

  /** Records one case. */
  add(protocol: string, title: string, outcome: Outcome, byteIdentical = false): void {
    const tally = this.tally(protocol);
    tally.cases++;
    tally.counts[outcome.kind]++;
    if (byteIdentical) tally.byteIdentical++;
    if (outcome.kind === "both-refuse") tally.refusals.set(outcome.detail, (tally.refusals.get(outcome.detail) ?? 0) + 1);
    if (outcome.kind === "mismatch" || outcome.kind === "botocore-crash" || outcome.kind === "excluded") {
      tally.listed.push(`  [${outcome.kind}] ${title}: ${outcome.detail.split("\n")[0]}`);
    }
  }

  /** Mismatches of one protocol. */
  mismatches(protocol: string): number {
    return this.tally(protocol).counts.mismatch;
  }

  /** The report: a table per protocol, then the listed cases by protocol. */
  render(title: string): string {
    const lines = [title];
    let services = new Set<string>();
    let operations = 0;
    let cases = 0;
    lines.push("protocol             services  operations   cases  identical  both-refuse  botocore-crash  excluded  mismatches");
    for (const protocol of this.protocols) {
      const t = this.tally(protocol);
      services = new Set([...services, ...t.services]);
      operations += t.operations;
      cases += t.cases;
      lines.push(
        `${protocol.padEnd(20)} ${String(t.services.size).padStart(8)}  ${String(t.operations).padStart(10)}  ${String(t.cases).padStart(6)}  ${String(t.counts.identical).padStart(9)}  ${String(t.counts["both-refuse"]).padStart(11)}  ${String(t.counts["botocore-crash"]).padStart(14)}  ${String(t.counts.excluded).padStart(8)}  ${String(t.counts.mismatch).padStart(10)}`,
      );
    }
    lines.push(`total: ${services.size} services, ${operations} operations, ${cases} cases`);
    for (const protocol of this.protocols) {
      const t = this.tally(protocol);
      if (t.listed.length === 0 && t.refusals.size === 0) continue;
      lines.push(`${protocol}:`);
      for (const [reason, count] of t.refusals) lines.push(`  [both refuse x${count}] ${reason}`);
      const shown = t.listed.slice(0, 40);
      lines.push(...shown);
      if (t.listed.length > shown.length) lines.push(`  ... and ${t.listed.length - shown.length} more`);
    }
    return lines.join("\n");
  }
}
