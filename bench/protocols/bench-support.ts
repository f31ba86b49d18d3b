/**
 * What the protocol benchmarks share: CPU-time rounds (best of several,
 * interleaved with botocore's so that both meet the same machine load), a
 * long-lived python3 that runs botocore's side of each case on request,
 * and the two large responses (a 1,000-key ListObjectsV2, a ~1 MiB
 * DynamoDB Query).
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createInterface } from "node:readline";

/** One round: calls `fn` for about `ms` milliseconds; calls per second of CPU time (user + system). */
export function cpuRound(fn: () => unknown, ms: number): number {
  let count = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < ms) {
    fn();
    count++;
  }
  const used = process.cpuUsage(cpu);
  return (count * 1e6) / (used.user + used.system);
}

/** One round of an async `fn`, awaited one call at a time; calls per second of CPU time. */
export async function cpuRoundAsync(fn: () => Promise<unknown>, ms: number): Promise<number> {
  let count = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < ms) {
    await fn();
    count++;
  }
  const used = process.cpuUsage(cpu);
  return (count * 1e6) / (used.user + used.system);
}

/**
 * botocore in one python3 process: the script defines `CASES` (name to a
 * callable) and `setup(config)`; each request line runs a round of one
 * case for a number of CPU seconds and answers calls per second.
 */
export class PythonRounds {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: AsyncIterator<string>;

  constructor(script: string) {
    const env: Record<string, string | undefined> = { ...process.env, AWS_EC2_METADATA_DISABLED: "true" };
    this.child = spawn(process.env.BOTO3TS_PYTHON || "python3", ["-c", `${script}\n${PYTHON_ROUND_LOOP}`], { env });
    this.child.stderr.pipe(process.stderr);
    this.lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  private async line(): Promise<string> {
    const next = await this.lines.next();
    if (next.done) throw new Error("python3 exited");
    return next.value;
  }

  /** Sends a JSON command (`setup`, `check`) and returns its JSON answer. */
  async command<T>(name: string, payload: unknown): Promise<T> {
    this.child.stdin.write(`${JSON.stringify({ command: name, payload })}\n`);
    return JSON.parse(await this.line()) as T;
  }

  /** One round of case `name` for about `seconds` of CPU time; calls per second. */
  async round(name: string, seconds: number): Promise<number> {
    this.child.stdin.write(`${JSON.stringify({ command: "round", payload: { name, seconds } })}\n`);
    return Number(await this.line());
  }

  /** Ends the process. */
  close(): void {
    this.child.stdin.end();
  }
}

const PYTHON_ROUND_LOOP = String.raw`
import json as _json, sys as _sys, time as _time, timeit as _timeit
_numbers = {}
for _line in _sys.stdin:
    _request = _json.loads(_line)
    _command, _payload = _request['command'], _request['payload']
    if _command != 'round':
        print(_json.dumps(COMMANDS[_command](_payload)), flush=True)
        continue
    _fn = CASES[_payload['name']]
    _number = _numbers.get(_payload['name'])
    if _number is None:
        _fn()
        _number = 1
        while _timeit.timeit(_fn, number=_number, timer=_time.process_time) < 0.02:
            _number *= 2
        _numbers[_payload['name']] = _number
    _count, _spent = 0, 0.0
    while _spent < float(_payload['seconds']):
        _spent += _timeit.timeit(_fn, number=_number, timer=_time.process_time)
        _count += _number
    print(_count / _spent, flush=True)
`;

/** A ListObjectsV2 result with `keys` keys, as S3 writes it. */
export function listObjectsXml(keys: number): string {
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
    "<Name>bench-bucket</Name><Prefix></Prefix>",
    `<KeyCount>${keys}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>`,
  ];
  for (let i = 0; i < keys; i++) {
    parts.push(
      `<Contents><Key>logs/2024/05/${String(i).padStart(6, "0")}-object &amp; name.json</Key>` +
        `<LastModified>2024-05-${String((i % 28) + 1).padStart(2, "0")}T12:34:56.000Z</LastModified>` +
        `<ETag>&quot;${((i * 2654435761) >>> 0).toString(16).padStart(32, "0")}&quot;</ETag>` +
        `<ChecksumAlgorithm>CRC64NVME</ChecksumAlgorithm><ChecksumType>FULL_OBJECT</ChecksumType>` +
        `<Size>${1000 + i * 37}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
    );
  }
  parts.push("</ListBucketResult>");
  return parts.join("");
}

/** A DynamoDB Query result of about `targetBytes` bytes. */
export function queryJson(targetBytes: number): string {
  const items: unknown[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const item = {
      pk: { S: `customer#${i % 97}` },
      sk: { S: `order#${String(i).padStart(8, "0")}` },
      total: { N: `${(i * 7.31).toFixed(2)}` },
      quantity: { N: `${i % 13}` },
      shipped: { BOOL: i % 2 === 0 },
      tags: { SS: ["priority", `region-${i % 5}`] },
      address: { M: { city: { S: "Seattle" }, zip: { S: "98101" }, lines: { L: [{ S: "1 Main St" }, { S: `Apt ${i}` }] } } },
      note: { S: "Lorem ipsum dolor sit amet, consectetur adipiscing elit." },
    };
    size += JSON.stringify(item).length + 1;
    items.push(item);
  }
  return JSON.stringify({ Items: items, Count: items.length, ScannedCount: items.length, LastEvaluatedKey: { pk: { S: "x" }, sk: { S: "y" } } });
}

/** Formats ops/s with sensible precision. */
export function rate(value: number): string {
  if (value >= 1000) return Math.round(value).toLocaleString("en-US");
  return value.toFixed(value >= 100 ? 0 : 1);
}
