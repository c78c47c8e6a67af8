import { DomainErrorReason } from '@ensemble/shared';
import { describe, expect, it } from 'vitest';
import { translateFeature } from '../i18n/featureMessages';
import { domainErrorMessages } from './domainErrorMessages';
import { domainErrorKey, domainErrorMessage, placeError } from './domainErrors';

const translator = (language: 'fr' | 'en') => translateFeature(domainErrorMessages, language);

describe('domain error messages', () => {
  it('has a translation for every reason the domain can give', () => {
    const missing = Object.values(DomainErrorReason).filter((reason) => !domainErrorKey(reason));
    expect(missing).toEqual([]);
  });

  it('puts a field error next to its field, and others on the form', () => {
    const t = translator('fr');
    expect(placeError(t, { reason: 'too-long', field: 'name', limit: 120 }, ['name'])).toEqual({
      byField: { name: '120 caractères au maximum.' },
    });
    expect(placeError(t, { reason: 'read-only' }, ['name']).general).toBe(
      domainErrorMessage(t, { reason: 'read-only' }),
    );
    expect(placeError(translator('en'), { reason: 'required', field: 'title' }, ['title'])).toEqual(
      {
        byField: { title: 'This field is required.' },
      },
    );
  });
});
