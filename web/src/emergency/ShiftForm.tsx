/**
 * 新增值班 A roster editor adds one shift to the chosen unit: post, person,
 * start and end in Beijing time. The person list is the unit's own active
 * staff, or anyone found by name (a leader in charge is often from
 * elsewhere). A shift that would put two people on one post at once is the
 * server's to refuse (ROSTER_OVERLAP); its words show in the banner.
 */

import { instantAt } from '@domain/calendar';
import { DUTY_POST_LABELS, DUTY_POSTS } from '@domain/emergency/vocabulary';
import { useState } from 'react';
import type { AdminUser } from '../api/admin-types';
import { api } from '../api/client';
import type { RosterShift } from '../api/emergency-types';
import { useLoad } from '../api/hooks';
import { ErrorBanner, ValidationSummary } from '../components/feedback';
import { SelectField, TextField } from '../components/fields';
import { useI18n } from '../i18n';

/** A datetime-local value, read as Beijing time whatever the browser's zone. */
export function beijingInstant(value: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m?.[1]) return null;
  return instantAt(m[1], Number(m[2]) * 60 + Number(m[3]));
}

export function ShiftForm({ unitId, onSaved }: { unitId: number; onSaved(shift: RosterShift): void }) {
  const { t, l } = useI18n();
  const [post, setPost] = useState('primary');
  const [q, setQ] = useState('');
  const [userId, setUserId] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const people = useLoad(
    (signal) =>
      api<{ items: AdminUser[] }>('/api/admin/users', {
        query: q.trim() ? { q: q.trim(), active: 'true', limit: 50 } : { unitId, active: 'true', limit: 200 },
        signal,
      }),
    [unitId, q],
  );
  const start = beijingInstant(startsAt);
  const end = beijingInstant(endsAt);
  const found = {
    userId: userId ? undefined : t('v.choose', { field: t('emd.person') }),
    startsAt: start ? undefined : t('v.required', { field: t('emd.startsAt') }),
    endsAt: end ? undefined : t('v.required', { field: t('emd.endsAt') }),
  };
  const errors: Partial<typeof found> = tried ? found : {};

  const submit = async () => {
    setError(null);
    setTried(true);
    if (!start || !end || !userId) return;
    setBusy(true);
    try {
      const saved = await api<RosterShift>('/api/duty/shifts', {
        body: {
          unitId,
          post,
          userId: Number(userId),
          startsAt: start.toISOString(),
          endsAt: end.toISOString(),
          note: note.trim() || undefined,
        },
      });
      setUserId('');
      setStartsAt('');
      setEndsAt('');
      setNote('');
      setTried(false);
      onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="action-form stack"
      noValidate
      aria-label={t('emd.add')}
      data-testid="shift-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{t('emd.add')}</h3>
      <ErrorBanner error={error} kept />
      <ValidationSummary errors={errors} />
      <div className="grid-2">
        <SelectField
          label={t('emd.post')}
          required
          value={post}
          onChange={setPost}
          options={DUTY_POSTS.map((p) => ({ value: p, label: l(DUTY_POST_LABELS[p]) }))}
          name="post"
        />
        <TextField
          label={t('emd.findPerson')}
          hint={t('emd.findPersonHint')}
          type="search"
          value={q}
          onChange={setQ}
          maxLength={100}
          name="q"
        />
      </div>
      <SelectField
        label={t('emd.person')}
        required
        value={userId}
        onChange={setUserId}
        placeholder={t('field.choose')}
        options={(people.data?.items ?? []).map((u) => ({
          value: String(u.id),
          label: `${u.displayName}（${u.username}）`,
        }))}
        error={errors.userId}
        name="userId"
      />
      <div className="grid-2">
        <TextField
          label={t('emd.startsAt')}
          required
          type="datetime-local"
          value={startsAt}
          onChange={setStartsAt}
          error={errors.startsAt}
          name="startsAt"
        />
        <TextField
          label={t('emd.endsAt')}
          required
          type="datetime-local"
          value={endsAt}
          onChange={setEndsAt}
          error={errors.endsAt}
          name="endsAt"
        />
      </div>
      <TextField label={t('emd.note')} value={note} onChange={setNote} maxLength={300} name="note" />
      <div className="actions-row">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="shift-submit">
          {t('emd.add')}
        </button>
      </div>
    </form>
  );
}
