import {
  type CommunityChange,
  type CommunityId,
  type DomainError,
  ItemKind,
  ItemState,
  type MemberId,
  type SharedItem,
} from '@ensemble/shared';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useServices } from '../../../app/services';
import { useMessages } from '../../../i18n/featureMessages';
import { useI18n } from '../../../i18n/I18nProvider';
import { paths } from '../../../router/routes';
import { navigate } from '../../../router/useRoute';
import { browserTimeZone, localInputToInstant } from '../../../time/datetime';
import { domainErrorMessage, useErrorMessages } from '../../domainErrors';
import { formatDay } from './itemLabels';
import { dueDateInput, isReturnable, itemRole, itemStatus, setAnswerTo } from './itemView';
import { itemMessages } from './messages';

/** What I can do with an item, by my role (owner, holder, queued, other) and its state. */
export function ItemActions(props: {
  readonly id: CommunityId;
  readonly item: SharedItem;
  readonly me: MemberId;
  readonly nameOf: (id: string) => string;
  readonly disabled: boolean;
}) {
  const t = useMessages(itemMessages);
  const { language } = useI18n();
  const errorT = useErrorMessages();
  const { repository } = useServices();
  const [error, setError] = useState<DomainError>();
  const { item, disabled } = props;
  const role = itemRole(item, props.me);
  const status = itemStatus(item);
  const closed = item.state === ItemState.closed;
  const request = item.kind === ItemKind.request;

  const apply = (change: CommunityChange) => {
    const result = repository.change(props.id, change);
    setError(result.ok ? undefined : result.error);
  };
  const button = (testId: string, label: string, change: CommunityChange, secondary = false) => (
    <button
      type="button"
      data-testid={testId}
      className={secondary ? 'button-secondary' : undefined}
      disabled={disabled}
      onClick={() => apply(change)}
    >
      {label}
    </button>
  );
  const itemId = item.id;

  let mine: string | undefined;
  const actions: ReactNode[] = [];
  if (role.kind === 'owner') {
    if (!closed && item.holder !== null && isReturnable(item))
      actions.push(button('item-return', t('action.return'), { type: 'returnItem', itemId }));
    if (closed)
      actions.push(
        button('item-reopen', t('action.reopen'), { type: 'closeItem', itemId, closed: false }),
      );
    else
      actions.push(
        button(
          'item-close',
          request ? t('action.closeRequest') : t('action.close'),
          { type: 'closeItem', itemId, closed: true },
          true,
        ),
      );
  } else if (!closed) {
    if (role.kind === 'holder') {
      mine =
        status.kind === 'held' && status.dueAt
          ? t('page.youHoldUntil', { date: formatDay(status.dueAt, language) })
          : t('page.youHold');
    } else if (role.kind === 'queued') {
      mine = request ? t('page.youHelp') : t('page.youQueued', { position: role.position });
      const label = request ? t('action.withdrawHelp') : t('action.leaveQueue');
      actions.push(button('item-leave', label, { type: 'withdrawClaim', itemId }, true));
    } else {
      const label = request
        ? t('action.help')
        : item.kind === ItemKind.offer
          ? t('action.interested')
          : item.queue.length === 0 && item.holder === null
            ? t('action.reserve')
            : t('action.joinQueue');
      actions.push(button('item-reserve', label, { type: 'claimItem', itemId }));
    }
    if (request)
      actions.push(
        <button
          key="answer"
          type="button"
          className="button-secondary"
          data-testid="item-answer"
          disabled={disabled}
          onClick={() => {
            setAnswerTo(props.id, itemId);
            navigate(paths.newItem(props.id));
          }}
        >
          {t('action.answer')}
        </button>,
      );
  }

  const handOver =
    role.kind === 'owner' && !closed && item.holder === null && item.queue.length > 0;
  return (
    <section className="item-section" aria-labelledby="item-actions-title">
      <h2 id="item-actions-title">{t('page.actions')}</h2>
      {mine ? (
        <p className="item-mine" data-testid="item-mine">
          {mine}
        </p>
      ) : null}
      {handOver ? (
        <HandOverForm
          item={item}
          nameOf={props.nameOf}
          disabled={disabled}
          onHandOver={(to, dueAt) =>
            apply({ type: 'handOverItem', itemId, to, ...(dueAt ? { dueAt } : {}) })
          }
        />
      ) : null}
      {role.kind === 'owner' &&
      !closed &&
      item.holder === null &&
      item.queue.length === 0 &&
      !request ? (
        <p className="muted">{t('action.ownerWaiting')}</p>
      ) : null}
      <div className="item-actions">
        {actions.map((action, index) => (
          <span key={String(index)}>{action}</span>
        ))}
      </div>
      {error ? (
        <p className="form-error" role="alert" data-testid="item-error">
          {domainErrorMessage(errorT, error)}
        </p>
      ) : null}
    </section>
  );
}

/** The owner hands the item to someone in the queue (the first by default), with a due date for loans. */
function HandOverForm(props: {
  readonly item: SharedItem;
  readonly nameOf: (id: string) => string;
  readonly disabled: boolean;
  readonly onHandOver: (to: MemberId, dueAt: string | undefined) => void;
}) {
  const t = useMessages(itemMessages);
  const { item } = props;
  const [chosen, setChosen] = useState<MemberId | ''>('');
  const [due, setDue] = useState('');
  const to = chosen && item.queue.includes(chosen) ? chosen : (item.queue[0] ?? ('' as MemberId));
  const loan = item.kind === ItemKind.lend;
  const label =
    item.kind === ItemKind.request
      ? t('action.acceptHelp')
      : item.kind === ItemKind.offer
        ? t('action.giveTo')
        : t('action.handOver');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // An unreadable date goes through as typed: the domain says what is wrong with it.
    const dueAt = due
      ? (localInputToInstant(dueDateInput(due), browserTimeZone()) ?? due)
      : undefined;
    props.onHandOver(to, dueAt);
  }

  return (
    <form className="form handover-form" noValidate onSubmit={submit}>
      <div className="field">
        <label htmlFor="handover-to">{t('action.handOverTo')}</label>
        <select
          id="handover-to"
          data-testid="handover-to"
          value={to}
          disabled={props.disabled}
          onChange={(event) => setChosen(event.target.value as MemberId)}
        >
          {item.queue.map((member) => (
            <option key={member} value={member}>
              {props.nameOf(member)}
            </option>
          ))}
        </select>
      </div>
      {loan ? (
        <div className="field">
          <label htmlFor="handover-due">{t('action.dueDate')}</label>
          <p className="field-hint" id="handover-due-hint">
            {t('action.dueDateHint')}
          </p>
          <input
            id="handover-due"
            type="date"
            data-testid="handover-due"
            aria-describedby="handover-due-hint"
            value={due}
            disabled={props.disabled}
            onChange={(event) => setDue(event.target.value)}
          />
        </div>
      ) : null}
      <button type="submit" data-testid="item-handover" disabled={props.disabled}>
        {label}
      </button>
    </form>
  );
}
