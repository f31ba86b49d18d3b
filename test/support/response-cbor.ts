/**
 * Writes output values as Smithy RPC v2 CBOR bodies, with an encoder of
 * its own (independent of the package's) that uses the freedom the format
 * gives a server: indefinite-length maps, arrays and strings, integers in
 * wider heads than needed, doubles as half or single floats when exact,
 * timestamps as tag 1 over an integer or a float, unknown and null members.
 */
import type { Shape } from "../../src/models/shape.js";
import type { Coverage } from "./param-generator.js";
import { type WireTime, epochNumber } from "./output-values.js";
import type { SeededRandom } from "./seeded-random.js";

const UTF8 = new TextEncoder();

/** Appends CBOR items to a byte list, choosing encodings at random. */
export class CborResponseWriter {
  private readonly out: number[] = [];

  constructor(
    private readonly random: SeededRandom,
    private readonly coverage: Coverage,
  ) {}

  private count(feature: string): void {
    this.coverage.set(feature, (this.coverage.get(feature) ?? 0) + 1);
  }

  /** The bytes written. */
  bytes(): Uint8Array {
    return Uint8Array.from(this.out);
  }

  private push(...bytes: number[]): void {
    for (const byte of bytes) this.out.push(byte);
  }

  /** A head with its argument, sometimes in a wider form than needed. */
  head(major: number, argument: number | bigint): void {
    const top = major << 5;
    const value = BigInt(argument);
    let width = value < 24n ? 0 : value < 0x100n ? 1 : value < 0x10000n ? 2 : value < 0x100000000n ? 4 : 8;
    if (width < 8 && this.random.chance(0.05)) {
      this.count("cbor wide head");
      width = this.random.pick([1, 2, 4, 8].filter((w) => w > width));
    }
    if (width === 0) return this.push(top | Number(value));
    this.push(top | { 1: 24, 2: 25, 4: 26, 8: 27 }[width]!);
    for (let shift = BigInt((width - 1) * 8); shift >= 0n; shift -= 8n) this.push(Number((value >> shift) & 0xffn));
  }

  private integer(value: number | bigint): void {
    const big = BigInt(value);
    if (big >= 0n) this.head(0, big);
    else this.head(1, -1n - big);
  }

  private stringLike(major: 2 | 3, data: Uint8Array): void {
    if (data.length > 1 && this.random.chance(0.1)) {
      this.count("cbor indefinite string");
      this.push((major << 5) | 31);
      const cut = this.random.int(1, data.length - 1);
      for (const chunk of [data.subarray(0, cut), data.subarray(cut)]) {
        this.head(major, chunk.length);
        this.push(...chunk);
      }
      this.push(0xff);
      return;
    }
    this.head(major, data.length);
    this.push(...data);
  }

  private text(value: string): void {
    this.stringLike(3, UTF8.encode(value));
  }

  private float64(value: number): void {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value);
    this.push(0xfb, ...new Uint8Array(view.buffer));
  }

  private float32(value: number): void {
    const view = new DataView(new ArrayBuffer(4));
    view.setFloat32(0, value);
    this.push(0xfa, ...new Uint8Array(view.buffer));
  }

  private double(value: number): void {
    if (!Number.isFinite(value)) {
      this.push(0xf9, ...(Number.isNaN(value) ? [0x7e, 0x00] : value > 0 ? [0x7c, 0x00] : [0xfc, 0x00]));
      return;
    }
    if (Math.fround(value) === value && this.random.chance(0.3)) {
      this.count("cbor double as float32");
      this.float32(value);
      return;
    }
    if ((value === 0.5 || value === 1.5 || value === -2.25) && this.random.chance(0.5)) {
      this.count("cbor half float");
      const half = { "0.5": [0x38, 0x00], "1.5": [0x3e, 0x00], "-2.25": [0xc0, 0x80] }[String(value)]!;
      this.push(0xf9, ...half);
      return;
    }
    this.float64(value);
  }

  private container(major: 4 | 5, count: number, writeItems: () => void): void {
    if (this.random.chance(0.15)) {
      this.count(`cbor indefinite ${major === 4 ? "array" : "map"}`);
      this.push((major << 5) | 31);
      writeItems();
      this.push(0xff);
      return;
    }
    this.head(major, count);
    writeItems();
  }

  /** A document value (any JSON-like value). */
  private plain(value: unknown): void {
    if (value === null || value === undefined) return this.push(0xf6);
    if (typeof value === "boolean") return this.push(value ? 0xf5 : 0xf4);
    if (typeof value === "number") return Number.isInteger(value) ? this.integer(value) : this.float64(value);
    if (typeof value === "string") return this.text(value);
    if (Array.isArray(value)) {
      this.head(4, value.length);
      for (const item of value) this.plain(item);
      return;
    }
    const entries = Object.entries(value as Record<string, unknown>);
    this.head(5, entries.length);
    for (const [key, item] of entries) {
      this.text(key);
      this.plain(item);
    }
  }

  /** Writes one value of `shape`; `extras` are text entries put first in a structure's map (an error's `__type`). */
  write(shape: Shape, value: unknown, extras: readonly [string, string][] = []): void {
    const random = this.random;
    switch (shape.type_name) {
      case "structure": {
        if (shape.is_document_type) return this.plain(value);
        const record = value as Record<string, unknown>;
        const entries: [string, unknown, Shape | undefined][] = extras.map(([key, text]) => [key, text, undefined]);
        // botocore reads CBOR members by member name.
        for (const [name, member] of Object.entries(shape.members)) {
          if (record[name] !== undefined) entries.push([name, record[name], member]);
          else if (!shape.is_tagged_union && random.chance(0.05)) entries.push([name, null, undefined]);
        }
        if (random.chance(0.1)) {
          this.count("cbor unknown member");
          entries.splice(random.int(0, entries.length), 0, ["unknownMember", "x", undefined]);
        }
        this.container(5, entries.length, () => {
          for (const [name, item, member] of entries) {
            this.text(name);
            if (item === null) this.push(0xf6);
            else if (member === undefined) this.text(String(item));
            else this.write(member, item);
          }
        });
        return;
      }
      case "list": {
        const items = value as unknown[];
        this.container(4, items.length, () => {
          for (const item of items) this.write(shape.member, item);
        });
        return;
      }
      case "map": {
        const entries = Object.entries(value as Record<string, unknown>);
        this.container(5, entries.length, () => {
          for (const [key, item] of entries) {
            this.text(key);
            this.write(shape.value, item);
          }
        });
        return;
      }
      case "string":
        return this.text(value as string);
      case "blob":
        return this.stringLike(2, value as Uint8Array);
      case "integer":
      case "long":
        return this.integer(value as number | bigint);
      case "float":
        if (Number.isFinite(value as number)) return this.float32(value as number);
        return this.double(value as number);
      case "double":
        return this.double(value as number);
      case "boolean":
        return this.push(value ? 0xf5 : 0xf4);
      case "timestamp": {
        const time = value as WireTime;
        this.head(6, 1);
        if (time.micros === 0 && random.chance(0.8)) this.integer(time.seconds);
        else this.float64(epochNumber(time));
        return;
      }
      default:
        this.push(0xf6);
    }
  }
}
