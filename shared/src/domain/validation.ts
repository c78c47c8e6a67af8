import { err, ok, type Result } from '../result';
import { type DomainError, DomainErrorReason, domainError } from './errors';

export const LIMITS = {
  communityName: 120,
  city: 120,
  description: 5_000,
  eventTitle: 200,
  place: 300,
  displayName: 80,
  itemTitle: 200,
  tag: 40,
  tags: 12,
  threadTitle: 200,
  post: 5_000,
  comment: 5_000,
} as const;

/** Trims and checks a text field; `required` refuses an empty value. */
export function validText(
  field: string,
  value: string,
  limit: number,
  required: boolean,
): Result<string, DomainError> {
  const text = value.trim();
  if (required && text.length === 0) return err(domainError(DomainErrorReason.required, field));
  if (text.length > limit) return err(domainError(DomainErrorReason.tooLong, field, limit));
  return ok(text);
}

/** An ISO 8601 instant with an explicit offset, normalised to UTC. */
export function validInstant(field: string, value: string): Result<string, DomainError> {
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const time = Date.parse(value);
  if (!hasOffset || Number.isNaN(time))
    return err(domainError(DomainErrorReason.invalidDate, field));
  return ok(new Date(time).toISOString());
}

export function validTimeZone(field: string, value: string): Result<string, DomainError> {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return ok(value);
  } catch {
    return err(domainError(DomainErrorReason.invalidTimeZone, field));
  }
}

/** A whole number in [min, max]. */
export function validInteger(
  field: string,
  value: number,
  min: number,
  max: number,
): Result<number, DomainError> {
  if (!Number.isInteger(value) || value < min || value > max) {
    return err(domainError(DomainErrorReason.invalidNumber, field));
  }
  return ok(value);
}
