/**
 * 用户 Users: find by name, role or activity; create one (a unit for the
 * roles that work in a unit); change role, unit, name, e-mail; deactivate
 * (which ends their sessions) or activate; reset the password (a generated
 * one is shown once); lift a sign-in lockout.
 */
import { useState } from 'react';
import type { AdminUser } from '../../api/admin-types';
import { api } from '../../api/client';
import { useLoad, useReference } from '../../api/hooks';
import { ErrorBanner, Loading, Success } from '../../components/feedback';
import { SelectField, TextField } from '../../components/fields';
import { useI18n } from '../../i18n';
import {
  type Errors,
  FormShell,
  required,
  useSelection,
  useSubmit,
  useValues,
  useVocabulary,
} from './admin-kit';

const UNIT_ROLES: readonly string[] = ['handler', 'unit_lead', 'reviewer'];
const PAGE = 50;

function UserForm({
  user,
  onSaved,
  onCancel,
}: {
  user: AdminUser | null;
  onSaved(u: AdminUser): void;
  onCancel(): void;
}) {
  const { t, l, lang } = useI18n();
  const vocab = useVocabulary();
  const ref = useReference();
  const [v, patch] = useValues({
    username: '',
    password: '',
    role: user?.role ?? '',
    unitId: user?.unit ? String(user.unit.id) : '',
    displayName: user?.displayName ?? '',
    email: user?.email ?? '',
  });
  const state = useSubmit();
  const submit = () =>
    state.run(
      (): Errors => ({
        username: user ? undefined : required(t, t('login.username'), v.username),
        password:
          user ||
          ([...v.password].length >= 10 &&
            /\p{L}/u.test(v.password) &&
            /\d/.test(v.password) &&
            !(
              v.username.trim().length >= 4 &&
              v.password.toLowerCase().includes(v.username.trim().toLowerCase())
            ))
            ? undefined
            : t('adm.user.passwordShort'),
        role: v.role ? undefined : t('v.choose', { field: t('adm.user.role') }),
        unitId: UNIT_ROLES.includes(v.role) && !v.unitId ? t('adm.user.unitNeeded') : undefined,
        email:
          !v.email.trim() || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email.trim())
            ? undefined
            : t('sf.format.email'),
      }),
      async () => {
        const body = {
          role: v.role,
          unitId: v.unitId ? Number(v.unitId) : null,
          ...(v.displayName.trim() ? { displayName: v.displayName.trim() } : {}),
          email: v.email.trim() || null,
        };
        const saved = user
          ? await api<AdminUser>(`/api/admin/users/${user.id}`, { method: 'PATCH', body })
          : await api<AdminUser>('/api/admin/users', {
              body: { ...body, username: v.username.trim(), password: v.password },
            });
        onSaved(saved);
        return t('adm.saved');
      },
    );
  return (
    <FormShell
      title={user ? t('adm.editOf', { name: user.username }) : t('adm.user.new')}
      testId="user-form"
      submit={t('adm.save')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      state={state}
    >
      {user ? null : (
        <div className="grid-2">
          <TextField
            label={t('login.username')}
            required
            value={v.username}
            onChange={(x) => patch({ username: x })}
            error={state.errors.username}
            maxLength={64}
            name="newUsername"
            autoComplete="off"
          />
          <TextField
            label={t('login.password')}
            required
            type="password"
            hint={t('adm.user.passwordHint')}
            value={v.password}
            onChange={(x) => patch({ password: x })}
            error={state.errors.password}
            maxLength={200}
            name="newPassword"
            autoComplete="new-password"
          />
        </div>
      )}
      <div className="grid-2">
        <SelectField
          label={t('adm.user.role')}
          required
          value={v.role}
          onChange={(x) => patch({ role: x })}
          placeholder={t('field.choose')}
          options={(vocab.data?.roles ?? [])
            .filter((r) => r.assignable)
            .map((r) => ({ value: r.code, label: l(r.label) }))}
          error={state.errors.role}
          name="role"
        />
        <SelectField
          label={t('field.unit')}
          required={UNIT_ROLES.includes(v.role)}
          value={v.unitId}
          onChange={(x) => patch({ unitId: x })}
          placeholder={t('common.none')}
          options={(ref.data?.units ?? []).map((u) => ({
            value: String(u.id),
            label: lang === 'zh' ? u.name : u.nameEn,
          }))}
          error={state.errors.unitId}
          name="unitId"
        />
        <TextField
          label={t('adm.user.displayName')}
          value={v.displayName}
          onChange={(x) => patch({ displayName: x })}
          error={state.errors.displayName}
          maxLength={100}
          name="displayName"
        />
        <TextField
          label={t('adm.user.email')}
          type="email"
          value={v.email}
          onChange={(x) => patch({ email: x })}
          error={state.errors.email}
          maxLength={200}
          name="email"
        />
      </div>
    </FormShell>
  );
}

function UserActions({ user, onChanged }: { user: AdminUser; onChanged(u: AdminUser): void }) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const [generated, setGenerated] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const act = async (fn: () => Promise<void>) => {
    setError(null);
    setNotice(null);
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel stack" aria-label={t('adm.actions')}>
      <h3>{t('adm.actions')}</h3>
      <ErrorBanner error={error} kept />
      {notice ? <Success>{notice}</Success> : null}
      {generated ? (
        <div className="banner banner-warn" role="status" data-testid="generated-password">
          <p>{t('adm.user.generated')}</p>
          <code>{generated}</code>
        </div>
      ) : null}
      <p className="actions-row">
        <button
          type="button"
          className="btn"
          disabled={busy}
          onClick={() =>
            void act(async () => {
              const r = await api<{ user: AdminUser; revokedSessions: number }>(
                `/api/admin/users/${user.id}/${user.active ? 'deactivate' : 'activate'}`,
                { body: {} },
              );
              onChanged(r.user);
              setNotice(user.active ? t('adm.user.deactivated', { n: r.revokedSessions }) : t('adm.saved'));
            })
          }
        >
          {user.active ? t('adm.user.deactivate') : t('adm.user.activate')}
        </button>
        {user.locked ? (
          <button
            type="button"
            className="btn"
            disabled={busy}
            onClick={() =>
              void act(async () => {
                onChanged(await api<AdminUser>(`/api/admin/users/${user.id}/unlock`, { body: {} }));
                setNotice(t('adm.user.unlocked'));
              })
            }
          >
            {t('adm.user.unlock')}
          </button>
        ) : null}
      </p>
      <form
        className="inline-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            const r = await api<{ user: AdminUser; generatedPassword?: string }>(
              `/api/admin/users/${user.id}/reset-password`,
              { body: password ? { password } : {} },
            );
            onChanged(r.user);
            setGenerated(r.generatedPassword ?? null);
            setPassword('');
            setNotice(t('adm.user.reset'));
          });
        }}
      >
        <TextField
          label={t('adm.user.newPassword')}
          type="password"
          hint={t('adm.user.newPasswordHint')}
          value={password}
          onChange={setPassword}
          maxLength={200}
          name="resetPassword"
          autoComplete="new-password"
        />
        <button type="submit" className="btn" disabled={busy}>
          {t('adm.user.resetPassword')}
        </button>
      </form>
    </section>
  );
}

export function UsersSection() {
  const { t, l, lang, fmtDateTime } = useI18n();
  const vocab = useVocabulary();
  const [filter, setFilter] = useState({ q: '', role: '', active: '' });
  const [query, setQuery] = useState(filter);
  const [offset, setOffset] = useState(0);
  const list = useLoad(
    (signal) =>
      api<{ items: AdminUser[]; total: number }>('/api/admin/users', {
        query: { ...query, limit: PAGE, offset },
        signal,
      }),
    [query.q, query.role, query.active, offset],
  );
  const sel = useSelection<number>();
  const current = list.data?.items.find((u) => u.id === sel.selected) ?? null;
  const saved = (u: AdminUser) => {
    const items = list.data?.items ?? [];
    list.set({
      items: items.some((x) => x.id === u.id) ? items.map((x) => (x.id === u.id ? u : x)) : [u, ...items],
      total: list.data?.total ?? 1,
    });
  };
  const total = list.data?.total ?? 0;
  return (
    <div className="admin-split">
      <div className="stack">
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            setOffset(0);
            setQuery(filter);
          }}
        >
          <TextField
            label={t('common.search')}
            type="search"
            value={filter.q}
            onChange={(x) => setFilter({ ...filter, q: x })}
            maxLength={100}
            name="q"
          />
          <SelectField
            label={t('adm.user.role')}
            value={filter.role}
            onChange={(x) => setFilter({ ...filter, role: x })}
            placeholder={t('common.all')}
            options={(vocab.data?.roles ?? [])
              .filter((r) => r.assignable)
              .map((r) => ({ value: r.code, label: l(r.label) }))}
            name="filterRole"
          />
          <SelectField
            label={t('adm.active')}
            value={filter.active}
            onChange={(x) => setFilter({ ...filter, active: x })}
            placeholder={t('common.all')}
            options={[
              { value: 'true', label: t('common.yes') },
              { value: 'false', label: t('common.no') },
            ]}
            name="filterActive"
          />
          <button type="submit" className="btn">
            {t('common.search')}
          </button>
        </form>
        {list.loading && !list.data ? <Loading /> : null}
        <ErrorBanner error={list.error} />
        <div className="table-scroll">
          <table className="tickets" data-testid="users">
            <caption>{t('adm.user.count', { n: total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('login.username')}</th>
                <th scope="col">{t('adm.user.role')}</th>
                <th scope="col">{t('field.unit')}</th>
                <th scope="col">{t('adm.user.state')}</th>
                <th scope="col">{t('adm.user.lastLogin')}</th>
                <th scope="col">
                  <span className="sr-only">{t('adm.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(list.data?.items ?? []).map((u: AdminUser) => (
                <tr
                  key={u.id}
                  className={sel.selected === u.id ? 'selected' : u.active ? undefined : 'inactive'}
                >
                  <td>
                    {u.username}
                    <span className="sub">{u.displayName}</span>
                  </td>
                  <td>{l(u.roleLabel)}</td>
                  <td>{u.unit ? (lang === 'zh' ? u.unit.name : u.unit.nameEn) : '—'}</td>
                  <td>
                    {u.active ? t('adm.active') : t('adm.inactive')}
                    {u.locked ? <span className="chip chip-warn">{t('adm.user.locked')}</span> : null}
                  </td>
                  <td>{fmtDateTime(u.lastLoginAt)}</td>
                  <td>
                    <button type="button" className="btn btn-quiet" onClick={() => sel.open(u.id)}>
                      {t('adm.edit')}
                      <span className="sr-only"> {u.username}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="actions-row">
          <button
            type="button"
            className="btn"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            {t('adm.prev')}
          </button>
          <button
            type="button"
            className="btn"
            disabled={offset + PAGE >= total}
            onClick={() => setOffset(offset + PAGE)}
          >
            {t('adm.next')}
          </button>
        </p>
      </div>
      <div className="stack">
        <button type="button" className="btn" onClick={() => sel.open('new')}>
          {t('adm.user.new')}
        </button>
        {sel.selected === 'new' ? (
          <UserForm key="new" user={null} onSaved={saved} onCancel={sel.close} />
        ) : null}
        {current ? (
          <>
            <UserForm key={current.id} user={current} onSaved={saved} onCancel={sel.close} />
            <UserActions user={current} onChanged={saved} />
          </>
        ) : null}
      </div>
    </div>
  );
}
