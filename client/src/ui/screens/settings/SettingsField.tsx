import type { ReactNode } from 'react';

/**
 * A labelled text input with its hint and error (the shape of ui/Field). Kept here so
 * that the settings chunk shares no small module with the writing screens: a shared
 * one-module chunk would pull React out of the entry chunk and grow the first load.
 */
export function SettingsField(props: {
  readonly id: string;
  readonly testId: string;
  readonly label: string;
  readonly hint: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error: string | undefined;
  readonly maxLength: number;
  readonly autoComplete: string;
  readonly type?: 'text' | 'url';
}): ReactNode {
  const { id, error } = props;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{props.label}</label>
      <p className="field-hint" id={hintId}>
        {props.hint}
      </p>
      <input
        id={id}
        name={id}
        type={props.type ?? 'text'}
        data-testid={props.testId}
        value={props.value}
        maxLength={props.maxLength}
        autoComplete={props.autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {error ? (
        <p className="field-error" id={errorId}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </div>
  );
}
