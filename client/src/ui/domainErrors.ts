import type { DomainError, DomainErrorReason } from '@ensemble/shared';
import { type FeatureTranslate, useMessages } from '../i18n/featureMessages';
import { type DomainErrorMessageKey, domainErrorMessages } from './domainErrorMessages';

/** Translates domain errors: from `useErrorMessages()` (loaded with the screens that write). */
export type ErrorTranslate = FeatureTranslate<DomainErrorMessageKey>;

/** The domain errors' messages in the reader's language. */
export function useErrorMessages(): ErrorTranslate {
  return useMessages(domainErrorMessages);
}

/** The message key of a domain error reason, or undefined when none is written yet. */
export function domainErrorKey(reason: DomainErrorReason): DomainErrorMessageKey | undefined {
  const key = `error.${reason}`;
  return key in domainErrorMessages.fr ? (key as DomainErrorMessageKey) : undefined;
}

/** A domain error in the reader's language. */
export function domainErrorMessage(t: ErrorTranslate, error: DomainError): string {
  const key = domainErrorKey(error.reason) ?? 'error.generic';
  return t(key, error.limit === undefined ? undefined : { limit: error.limit });
}

/** Splits an error between the form's fields and a message for the whole form. */
export function placeError(
  t: ErrorTranslate,
  error: DomainError | undefined,
  fields: readonly string[],
): { readonly byField: Readonly<Record<string, string>>; readonly general?: string } {
  if (!error) return { byField: {} };
  const message = domainErrorMessage(t, error);
  if (error.field && fields.includes(error.field)) return { byField: { [error.field]: message } };
  return { byField: {}, general: message };
}
