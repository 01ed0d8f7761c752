/**
 * The roster of a range: each shift, then its gaps 空档 (with whom a notice
 * reaches meanwhile) and overlaps 重叠. Roster editors may remove a shift;
 * removing asks once more in place, since a removed shift can open a gap
 * that sends the next notice up the chain.
 */
import { DUTY_POST_LABELS } from '@domain/emergency/vocabulary';
import { useState } from 'react';
import type { RosterFeed, RosterShift } from '../api/emergency-types';
import { useI18n } from '../i18n';

function DeleteShift({ shift, onDelete }: { shift: RosterShift; onDelete(id: number): Promise<void> }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        className="btn btn-quiet"
        data-testid="shift-delete"
        aria-label={t('emd.deleteOf', { name: shift.user.name })}
        onClick={() => setAsking(true)}
      >
        {t('emd.delete')}
      </button>
    );
  }
  return (
    <span className="actions-row">
      <button
        type="button"
        className="btn btn-primary"
        disabled={busy}
        data-testid="shift-delete-confirm"
        onClick={() => {
          setBusy(true);
          void onDelete(shift.id).finally(() => setBusy(false));
        }}
      >
        {t('emd.deleteConfirm')}
      </button>
      <button type="button" className="btn" onClick={() => setAsking(false)}>
        {t('common.cancel')}
      </button>
    </span>
  );
}

export function RosterTable({
  feed,
  canEdit,
  onDelete,
}: {
  feed: RosterFeed;
  canEdit: boolean;
  onDelete(id: number): Promise<void>;
}) {
  const { t, l, fmtDateTime } = useI18n();
  return (
    <>
      {feed.items.length ? (
        <div className="table-scroll">
          <table className="tickets" data-testid="roster-table">
            <caption className="sr-only">{t('emd.roster')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('emd.post')}</th>
                <th scope="col">{t('emd.person')}</th>
                <th scope="col">{t('emd.startsAt')}</th>
                <th scope="col">{t('emd.endsAt')}</th>
                <th scope="col">{t('emd.note')}</th>
                {canEdit ? <th scope="col">{t('emd.edit')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {feed.items.map((s) => (
                <tr key={s.id} data-testid="roster-shift" data-shift-id={s.id}>
                  <td>{l(s.postLabel)}</td>
                  <td>{s.user.name}</td>
                  <td>{fmtDateTime(s.startsAt)}</td>
                  <td>{fmtDateTime(s.endsAt)}</td>
                  <td>{s.note ?? ''}</td>
                  {canEdit ? (
                    <td>
                      <DeleteShift shift={s} onDelete={onDelete} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty">{t('emd.noShifts')}</p>
      )}
      <section aria-label={t('emd.gaps')} data-testid="roster-gaps">
        <h3>{t('emd.gaps')}</h3>
        {feed.gaps.length ? (
          <ul>
            {feed.gaps.map((g) => (
              <li key={`${g.post}-${g.from}`} data-testid="roster-gap" data-post={g.post}>
                {l(DUTY_POST_LABELS[g.post])}：{fmtDateTime(g.from)} – {fmtDateTime(g.to)} ·{' '}
                {t(`emd.fallback.${g.fallback}`)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t('emd.noGaps')}</p>
        )}
      </section>
      <section aria-label={t('emd.overlaps')} data-testid="roster-overlaps">
        <h3>{t('emd.overlaps')}</h3>
        {feed.overlaps.length ? (
          <ul>
            {feed.overlaps.map((o) => (
              <li key={o.shiftIds.join('-')} data-testid="roster-overlap">
                {l(DUTY_POST_LABELS[o.post])}：{fmtDateTime(o.from)} – {fmtDateTime(o.to)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t('emd.noOverlaps')}</p>
        )}
      </section>
    </>
  );
}
