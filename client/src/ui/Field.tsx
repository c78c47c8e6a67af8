import type { Ref } from 'react';
import { useI18n } from '../i18n/I18nProvider';

interface FieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly testId: string;
  readonly error?: string | undefined;
  readonly hint?: string;
  readonly optional?: boolean;
  readonly type?: 'text' | 'datetime-local' | 'number' | 'date';
  readonly multiline?: boolean;
  readonly maxLength?: number;
  readonly autoComplete?: string;
  readonly inputRef?: Ref<HTMLInputElement & HTMLTextAreaElement>;
}

/** A labelled input with its hint and its error message right below it. */
export function Field(props: FieldProps) {
  const { t } = useI18n();
  const { id, label, value, onChange, testId, error, hint, optional, type = 'text' } = props;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: id,
    value,
    'data-testid': testId,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    maxLength: props.maxLength,
    autoComplete: props.autoComplete ?? 'off',
    required: !optional,
    ref: props.inputRef,
  };
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {optional ? <span className="field-optional"> ({t('field.optional')})</span> : null}
      </label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {props.multiline ? (
        <textarea {...common} rows={4} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} type={type} onChange={(event) => onChange(event.target.value)} />
      )}
      {error ? (
        <p className="field-error" id={errorId}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </div>
  );
}
