import type { DomainError, DomainErrorReason } from '@ensemble/shared';
import { fr, type MessageKey } from '../i18n/fr';
import type { Translate } from '../i18n/i18n';

/** The message key of a domain error reason, or undefined when none is written yet. */
export function domainErrorKey(reason: DomainErrorReason): MessageKey | undefined {
  const key = `error.${reason}`;
  return key in fr ? (key as MessageKey) : undefined;
}

/** A domain error in the reader's language. */
export function domainErrorMessage(t: Translate, error: DomainError): string {
  const key = domainErrorKey(error.reason) ?? 'error.generic';
  return t(key, error.limit === undefined ? undefined : { limit: error.limit });
}

/** Splits an error between the form's fields and a message for the whole form. */
export function placeError(
  t: Translate,
  error: DomainError | undefined,
  fields: readonly string[],
): { readonly byField: Readonly<Record<string, string>>; readonly general?: string } {
  if (!error) return { byField: {} };
  const message = domainErrorMessage(t, error);
  if (error.field && fields.includes(error.field)) return { byField: { [error.field]: message } };
  return { byField: {}, general: message };
}
