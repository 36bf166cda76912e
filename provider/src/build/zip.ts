// A minimal, deterministic ZIP writer (PKWARE APPNOTE 6.3): entries in the order given, a fixed
// timestamp (1980-01-01, the DOS epoch), Unix permissions in the external attributes (so the
// executable bit survives extraction), UTF-8 names, deflate unless storing is smaller, and the
// ZIP64 end records when there are more than 65535 entries. Streams to a file descriptor, one entry
// in memory at a time. Sizes and offsets must stay below 4 GiB (the build context limit is far lower).
import * as fs from "fs";
import * as zlib from "zlib";

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const UTF8_NAMES = 0x0800;
const MADE_BY_UNIX = (3 << 8) | 20;
const VERSION_NEEDED = 20;
const VERSION_NEEDED_ZIP64 = 45;
const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const MAX_32 = 0xffffffff;

interface CentralEntry {
    name: Buffer;
    crc: number;
    compressedSize: number;
    size: number;
    method: number;
    offset: number;
    externalAttributes: number;
}

export class ZipWriter {
    private offset = 0;
    private readonly entries: CentralEntry[] = [];

    constructor(private readonly fd: number) {}

    addDirectory(name: string, mode = 0o755): void {
        const dirName = name.endsWith("/") ? name : `${name}/`;
        // MS-DOS directory attribute (0x10) in the low byte, Unix mode in the high half.
        this.addEntry(dirName, Buffer.alloc(0), Buffer.alloc(0), 0, 0, (((S_IFDIR | mode) << 16) | 0x10) >>> 0);
    }

    addFile(name: string, data: Buffer, mode = 0o644): void {
        const deflated = zlib.deflateRawSync(data, { level: 6 });
        const stored = deflated.length >= data.length;
        this.addEntry(name, data, stored ? data : deflated, stored ? 0 : 8, crc32(data), ((S_IFREG | mode) << 16) >>> 0);
    }

    /** Writes the central directory and end records; the descriptor stays open (the caller closes it). */
    finish(): number {
        const centralStart = this.offset;
        for (const e of this.entries) this.write(centralHeader(e));
        const centralSize = this.offset - centralStart;
        const count = this.entries.length;
        if (count > 0xffff) {
            const zip64EndOffset = this.offset;
            const record = Buffer.alloc(56);
            record.writeUInt32LE(ZIP64_END, 0);
            record.writeBigUInt64LE(44n, 4);
            record.writeUInt16LE(MADE_BY_UNIX, 12);
            record.writeUInt16LE(VERSION_NEEDED_ZIP64, 14);
            record.writeBigUInt64LE(BigInt(count), 24);
            record.writeBigUInt64LE(BigInt(count), 32);
            record.writeBigUInt64LE(BigInt(centralSize), 40);
            record.writeBigUInt64LE(BigInt(centralStart), 48);
            this.write(record);
            const locator = Buffer.alloc(20);
            locator.writeUInt32LE(ZIP64_LOCATOR, 0);
            locator.writeBigUInt64LE(BigInt(zip64EndOffset), 8);
            locator.writeUInt32LE(1, 16);
            this.write(locator);
        }
        const end = Buffer.alloc(22);
        end.writeUInt32LE(END_OF_CENTRAL, 0);
        end.writeUInt16LE(Math.min(count, 0xffff), 8);
        end.writeUInt16LE(Math.min(count, 0xffff), 10);
        end.writeUInt32LE(centralSize, 12);
        end.writeUInt32LE(centralStart, 16);
        this.write(end);
        return this.offset;
    }

    private addEntry(name: string, data: Buffer, payload: Buffer, method: number, crc: number, externalAttributes: number): void {
        const encoded = Buffer.from(name, "utf8");
        if (this.offset + 30 + encoded.length + payload.length >= MAX_32 || data.length >= MAX_32) {
            throw new Error("build context archive would exceed 4 GiB");
        }
        const entry: CentralEntry = { name: encoded, crc, compressedSize: payload.length, size: data.length, method, offset: this.offset, externalAttributes };
        const header = Buffer.alloc(30);
        header.writeUInt32LE(LOCAL_HEADER, 0);
        header.writeUInt16LE(VERSION_NEEDED, 4);
        header.writeUInt16LE(UTF8_NAMES, 6);
        header.writeUInt16LE(method, 8);
        header.writeUInt16LE(0, 10);
        header.writeUInt16LE(DOS_DATE_1980_01_01, 12);
        header.writeUInt32LE(crc, 14);
        header.writeUInt32LE(entry.compressedSize, 18);
        header.writeUInt32LE(entry.size, 22);
        header.writeUInt16LE(encoded.length, 26);
        header.writeUInt16LE(0, 28);
        this.write(header);
        this.write(encoded);
        this.write(payload);
        this.entries.push(entry);
    }

    private write(buffer: Buffer): void {
        let written = 0;
        while (written < buffer.length) written += fs.writeSync(this.fd, buffer, written, buffer.length - written);
        this.offset += buffer.length;
    }
}

function centralHeader(e: CentralEntry): Buffer {
    const header = Buffer.alloc(46 + e.name.length);
    header.writeUInt32LE(CENTRAL_HEADER, 0);
    header.writeUInt16LE(MADE_BY_UNIX, 4);
    header.writeUInt16LE(VERSION_NEEDED, 6);
    header.writeUInt16LE(UTF8_NAMES, 8);
    header.writeUInt16LE(e.method, 10);
    header.writeUInt16LE(0, 12);
    header.writeUInt16LE(DOS_DATE_1980_01_01, 14);
    header.writeUInt32LE(e.crc, 16);
    header.writeUInt32LE(e.compressedSize, 20);
    header.writeUInt32LE(e.size, 24);
    header.writeUInt16LE(e.name.length, 28);
    // extra field, comment, disk number, internal attributes: none / zero
    header.writeUInt32LE(e.externalAttributes, 38);
    header.writeUInt32LE(e.offset, 42);
    e.name.copy(header, 46);
    return header;
}

let table: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3), as ZIP requires: zlib's native one (Node ≥ 20.15), else a table. */
export function crc32(data: Buffer): number {
    const native = (zlib as { crc32?: (data: Buffer) => number }).crc32;
    if (native) return native(data) >>> 0;
    return tableCrc32(data);
}

export function tableCrc32(data: Buffer): number {
    if (!table) {
        table = new Uint32Array(256);
        for (let n = 0; n < 256; n++) {
            let c = n;
            for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
            table[n] = c >>> 0;
        }
    }
    let crc = 0xffffffff;
    for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
}
