import { err, ok, type Result } from '../result';
import { type CloseReason, closeCodeFor, formatCloseReason } from './closeCodes';

/** A protocol failure with a typed reason; the relay closes the connection with its code. */
export class RelayError extends Error {
  readonly reason: CloseReason;
  readonly detail: string;

  constructor(reason: CloseReason, detail: string, options?: { cause?: unknown }) {
    super(formatCloseReason(reason, detail), options);
    this.name = 'RelayError';
    this.reason = reason;
    this.detail = detail;
  }

  get closeCode(): number {
    return closeCodeFor(this.reason);
  }

  /** The text sent in the websocket close frame. */
  get closeReason(): string {
    return this.message;
  }
}

/** Outcome of decoding untrusted input: expected failures are values, not exceptions. */
export type DecodeResult<T> = Result<T, RelayError>;

export function decoded<T>(value: T): DecodeResult<T> {
  return ok(value);
}

export function rejected<T>(reason: CloseReason, detail: string, cause?: unknown): DecodeResult<T> {
  return err(new RelayError(reason, detail, { cause }));
}

/** Ends every `switch` over a union: a new member is a compile error here. */
export function assertNever(value: never, context = 'value'): never {
  throw new Error(`Unhandled ${context}: ${JSON.stringify(value)}`);
}
