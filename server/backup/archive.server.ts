// The backup file format (ADR 0071): a small header, then the content gzip-compressed and, unless
// written with --unencrypted, encrypted with AES-256-GCM in authenticated chunks.
//
//   header   "BALINTBK" | format (1) | mode (1: 0 plain, 1 AES-256-GCM)
//            encrypted only: scrypt log2 N (1) | r (1) | p (1) | salt (16) | nonce prefix (7) | key check (16)
//   chunk    ciphertext length (u32 BE) | last (1) | ciphertext | GCM tag (16)
//
// Each chunk's nonce is the prefix, the chunk's counter (u32) and its `last` byte; the header is
// the associated data of every chunk. So a changed byte anywhere fails authentication, chunks
// cannot be reordered, dropped or replayed, and a file cut short lacks its last chunk: both are
// reported, never restored. The key check (an HMAC of a constant under a second derived key)
// tells a wrong passphrase apart from a damaged file.
//
// Inside the compressed stream, frames: type (1 byte) | length (u32 BE) | payload.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';

export const MAGIC = Buffer.from('BALINTBK', 'latin1');
export const FORMAT_VERSION = 1;
const MODE_PLAIN = 0;
const MODE_AES = 1;
const CHUNK_BYTES = 64 * 1024;
const TAG_BYTES = 16;
const SALT_BYTES = 16;
const PREFIX_BYTES = 7;
const CHECK_BYTES = 16;
const PLAIN_HEADER_BYTES = MAGIC.length + 2;
const AES_HEADER_BYTES = PLAIN_HEADER_BYTES + 3 + SALT_BYTES + PREFIX_BYTES + CHECK_BYTES;
/** scrypt cost: 2^15 × 8 × 128 bytes = 32 MiB of memory, about a tenth of a second. */
const SCRYPT = { logN: 15, r: 8, p: 1 };

export type BackupFileErrorCode = 'NOT_A_BACKUP' | 'NEWER_FORMAT' | 'PASSPHRASE_REQUIRED' | 'WRONG_PASSPHRASE' | 'DAMAGED' | 'TRUNCATED';

export class BackupFileError extends Error {
  readonly code: BackupFileErrorCode;
  constructor(code: BackupFileErrorCode, message: string) {
    super(message);
    this.name = 'BackupFileError';
    this.code = code;
  }
}

interface DerivedKeys {
  encryption: Buffer;
  check: Buffer;
}

function derive(passphrase: string, salt: Buffer, cost: { logN: number; r: number; p: number }): DerivedKeys {
  const N = 2 ** cost.logN;
  const bytes = crypto.scryptSync(passphrase.normalize('NFC'), salt, 64, { N, r: cost.r, p: cost.p, maxmem: 128 * N * cost.r * 2 + 1024 * 1024 });
  return { encryption: bytes.subarray(0, 32), check: bytes.subarray(32, 64) };
}

const keyCheck = (keys: DerivedKeys) => crypto.createHmac('sha256', keys.check).update('balint-hub backup key check').digest().subarray(0, CHECK_BYTES);

function nonce(prefix: Buffer, counter: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(counter, PREFIX_BYTES);
  n[11] = last ? 1 : 0;
  return n;
}

/** The header and the transform that encrypts what follows it (none: written as it is). */
export function encryptionFor(passphrase: string | undefined): { header: Buffer; transform: Transform | undefined } {
  if (passphrase === undefined) return { header: Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION, MODE_PLAIN])]), transform: undefined };
  const salt = crypto.randomBytes(SALT_BYTES);
  const prefix = crypto.randomBytes(PREFIX_BYTES);
  const keys = derive(passphrase, salt, SCRYPT);
  const header = Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION, MODE_AES, SCRYPT.logN, SCRYPT.r, SCRYPT.p]), salt, prefix, keyCheck(keys)]);
  return { header, transform: new EncryptChunks(keys.encryption, prefix, header) };
}

class EncryptChunks extends Transform {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private counter = 0;
  private readonly key: Buffer;
  private readonly prefix: Buffer;
  private readonly aad: Buffer;
  constructor(key: Buffer, prefix: Buffer, aad: Buffer) {
    super();
    this.key = key;
    this.prefix = prefix;
    this.aad = aad;
  }

  private seal(plain: Buffer, last: boolean): Buffer {
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, nonce(this.prefix, this.counter++, last), { authTagLength: TAG_BYTES });
    cipher.setAAD(this.aad);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    const head = Buffer.alloc(5);
    head.writeUInt32BE(body.length, 0);
    head[4] = last ? 1 : 0;
    return Buffer.concat([head, body, cipher.getAuthTag()]);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= CHUNK_BYTES) {
      let all = Buffer.concat(this.pending);
      while (all.length >= CHUNK_BYTES) {
        this.push(this.seal(all.subarray(0, CHUNK_BYTES), false));
        all = all.subarray(CHUNK_BYTES);
      }
      this.pending = [all];
      this.pendingBytes = all.length;
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.push(this.seal(Buffer.concat(this.pending), true));
    callback();
  }
}

class DecryptChunks extends Transform {
  private buffer: Buffer = Buffer.alloc(0);
  private counter = 0;
  private ended = false;
  private readonly key: Buffer;
  private readonly prefix: Buffer;
  private readonly aad: Buffer;
  constructor(key: Buffer, prefix: Buffer, aad: Buffer) {
    super();
    this.key = key;
    this.prefix = prefix;
    this.aad = aad;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    try {
      for (;;) {
        if (this.buffer.length === 0) break;
        if (this.ended) throw new BackupFileError('DAMAGED', 'The backup file has data after its end: it was changed or damaged.');
        if (this.buffer.length < 5) break;
        const length = this.buffer.readUInt32BE(0);
        const last = this.buffer[4];
        if (length > CHUNK_BYTES || (last !== 0 && last !== 1)) throw damaged(this.counter);
        if (this.buffer.length < 5 + length + TAG_BYTES) break;
        const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, nonce(this.prefix, this.counter, last === 1), { authTagLength: TAG_BYTES });
        decipher.setAAD(this.aad);
        decipher.setAuthTag(this.buffer.subarray(5 + length, 5 + length + TAG_BYTES));
        let plain: Buffer;
        try {
          plain = Buffer.concat([decipher.update(this.buffer.subarray(5, 5 + length)), decipher.final()]);
        } catch {
          throw damaged(this.counter);
        }
        this.counter++;
        this.ended = last === 1;
        this.buffer = this.buffer.subarray(5 + length + TAG_BYTES);
        if (plain.length) this.push(plain);
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    if (!this.ended) callback(truncated());
    else callback();
  }
}

const damaged = (chunk: number) =>
  new BackupFileError('DAMAGED', `The backup file was changed or damaged: part ${chunk + 1} fails its authentication check. Nothing was restored from it.`);
export const truncated = () => new BackupFileError('TRUNCATED', 'The backup file is incomplete (cut short): its end is missing. Nothing was restored from it.');

export interface OpenedArchive {
  encrypted: boolean;
  /** Where the content starts in the file. */
  offset: number;
  /** Decrypts the content (undefined: not encrypted). */
  transform: Transform | undefined;
}

/** Reads and checks the header: the right kind of file, a format this code reads, the passphrase. */
export function openArchive(file: string, passphrase: string | undefined): OpenedArchive {
  const fd = fs.openSync(file, 'r');
  const header = Buffer.alloc(AES_HEADER_BYTES);
  let read: number;
  try {
    read = fs.readSync(fd, header, 0, header.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read < PLAIN_HEADER_BYTES || !header.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new BackupFileError('NOT_A_BACKUP', `${file} is not a Balint Hub backup file.`);
  }
  const format = header[MAGIC.length]!;
  const mode = header[MAGIC.length + 1]!;
  if (format > FORMAT_VERSION) {
    throw new BackupFileError('NEWER_FORMAT', `${file} was written by a newer Balint Hub (backup format ${format}; this one reads up to ${FORMAT_VERSION}). Restore it with a newer version.`);
  }
  if (mode === MODE_PLAIN) return { encrypted: false, offset: PLAIN_HEADER_BYTES, transform: undefined };
  if (mode !== MODE_AES) throw new BackupFileError('DAMAGED', `${file} has an unknown encryption mode: it was changed or damaged.`);
  if (read < AES_HEADER_BYTES) throw truncated();
  if (passphrase === undefined || passphrase === '') {
    throw new BackupFileError('PASSPHRASE_REQUIRED', 'This backup is encrypted: set BACKUP_PASSPHRASE to the passphrase it was written with.');
  }
  let at = PLAIN_HEADER_BYTES;
  const cost = { logN: header[at]!, r: header[at + 1]!, p: header[at + 2]! };
  at += 3;
  if (cost.logN < 10 || cost.logN > 22 || cost.r < 1 || cost.r > 32 || cost.p < 1 || cost.p > 16) {
    throw new BackupFileError('DAMAGED', `${file} has an impossible key-derivation setting: it was changed or damaged.`);
  }
  const salt = header.subarray(at, at + SALT_BYTES);
  at += SALT_BYTES;
  const prefix = header.subarray(at, at + PREFIX_BYTES);
  at += PREFIX_BYTES;
  const check = header.subarray(at, at + CHECK_BYTES);
  const keys = derive(passphrase, salt, cost);
  if (!crypto.timingSafeEqual(keyCheck(keys), check)) {
    throw new BackupFileError('WRONG_PASSPHRASE', 'Wrong passphrase: BACKUP_PASSPHRASE is not the passphrase this backup was written with.');
  }
  return { encrypted: true, offset: AES_HEADER_BYTES, transform: new DecryptChunks(keys.encryption, Buffer.from(prefix), Buffer.from(header.subarray(0, AES_HEADER_BYTES))) };
}

// Frames inside the compressed content.
export const FRAME = {
  manifest: 0x4d, // 'M' JSON: what the backup holds and of which schema
  keys: 0x4b, // 'K' JSON: the data-encryption key and the session secret (--include-keys only)
  table: 0x54, // 'T' JSON: a table's name and columns; its rows follow
  data: 0x44, // 'D' COPY text of the current table
  tableEnd: 0x45, // 'E' JSON: the table's row count and the SHA-256 of its COPY text
  end: 0x5a, // 'Z' JSON: totals; a backup without it is incomplete
} as const;

export function frame(type: number, payload: Buffer | string | object): Buffer {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload), 'utf8');
  const head = Buffer.alloc(5);
  head[0] = type;
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

/** Splits the decompressed content into frames. */
export async function* readFrames(content: AsyncIterable<Buffer>): AsyncGenerator<{ type: number; payload: Buffer }> {
  let buffer: Buffer = Buffer.alloc(0);
  for await (const chunk of content) {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    while (buffer.length >= 5) {
      const length = buffer.readUInt32BE(1);
      if (length > 64 * 1024 * 1024) throw new BackupFileError('DAMAGED', 'The backup file is damaged: a part of it has an impossible length.');
      if (buffer.length < 5 + length) break;
      yield { type: buffer[0]!, payload: buffer.subarray(5, 5 + length) };
      buffer = buffer.subarray(5 + length);
    }
  }
  if (buffer.length) throw truncated();
}
