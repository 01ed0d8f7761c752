/**
 * 接口密钥 API keys of machine clients (Open311, ticket readers, open data):
 * create one with its scopes — the key is shown once, here, and never
 * again — list them with their last use, revoke one.
 */
import { useState } from 'react';
import type { ApiKeyItem } from '../../api/admin-types';
import { api } from '../../api/client';
import { useLoad } from '../../api/hooks';
import { ErrorBanner, Loading } from '../../components/feedback';
import { CheckboxField, CheckboxGroup, TextField } from '../../components/fields';
import { useI18n } from '../../i18n';
import { type Errors, FormShell, required, useSubmit, useValues, useVocabulary } from './admin-kit';

interface CreatedKey {
  id: number;
  name: string;
  key: string;
  warning: { zh: string; en: string };
}

function KeyForm({ onCreated }: { onCreated(k: CreatedKey): void }) {
  const { t } = useI18n();
  const vocab = useVocabulary();
  const [v, patch] = useValues<{ name: string; scopes: string[] }>({ name: '', scopes: [] });
  const state = useSubmit();
  const submit = () =>
    state.run(
      (): Errors => ({
        name: required(t, t('admin.name'), v.name),
        scopes: v.scopes.length ? undefined : t('v.choose', { field: t('adm.key.scopes') }),
      }),
      async () => {
        onCreated(
          await api<CreatedKey>('/api/admin/api-keys', { body: { name: v.name.trim(), scopes: v.scopes } }),
        );
        patch({ name: '', scopes: [] });
        return undefined;
      },
    );
  return (
    <FormShell
      title={t('adm.key.new')}
      testId="api-key-form"
      submit={t('adm.key.create')}
      onSubmit={() => void submit()}
      state={state}
    >
      <TextField
        label={t('admin.name')}
        required
        value={v.name}
        onChange={(x) => patch({ name: x })}
        error={state.errors.name}
        maxLength={100}
        name="keyName"
      />
      <CheckboxGroup
        legend={t('adm.key.scopes')}
        name="scopes"
        required
        values={v.scopes}
        onChange={(x) => patch({ scopes: x })}
        options={(vocab.data?.apiScopes ?? []).map((s) => ({ value: s, label: s }))}
        error={state.errors.scopes}
      />
    </FormShell>
  );
}

export function ApiKeysSection() {
  const { t, l, fmtDateTime } = useI18n();
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const list = useLoad(
    (signal) => api<{ items: ApiKeyItem[] }>('/api/admin/api-keys', { query: { includeRevoked }, signal }),
    [includeRevoked],
  );
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [error, setError] = useState<unknown>(null);
  const revoke = async (k: ApiKeyItem) => {
    setError(null);
    if (!window.confirm(t('adm.key.confirmRevoke', { name: k.name }))) return;
    try {
      await api(`/api/admin/api-keys/${k.id}/revoke`, { body: {} });
      list.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="admin-split">
      <div className="stack">
        <CheckboxField
          label={t('adm.key.showRevoked')}
          checked={includeRevoked}
          onChange={setIncludeRevoked}
          name="includeRevoked"
        />
        {list.loading && !list.data ? <Loading /> : null}
        <ErrorBanner error={list.error ?? error} />
        <div className="table-scroll">
          <table className="tickets" data-testid="api-keys">
            <caption className="sr-only">{t('admin.apiKeys')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.name')}</th>
                <th scope="col">{t('adm.key.prefix')}</th>
                <th scope="col">{t('adm.key.scopes')}</th>
                <th scope="col">{t('adm.key.lastUsed')}</th>
                <th scope="col">
                  <span className="sr-only">{t('adm.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(list.data?.items ?? []).map((k) => (
                <tr key={k.id} className={k.revokedAt ? 'inactive' : undefined}>
                  <td>
                    {k.name}
                    <span className="sub">{fmtDateTime(k.createdAt)}</span>
                  </td>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>{k.scopes.join(', ')}</td>
                  <td>{fmtDateTime(k.lastUsedAt)}</td>
                  <td>
                    {k.revokedAt ? (
                      t('adm.key.revokedAt', { at: fmtDateTime(k.revokedAt) })
                    ) : (
                      <button type="button" className="btn btn-quiet" onClick={() => void revoke(k)}>
                        {t('adm.key.revoke')}
                        <span className="sr-only"> {k.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div className="stack">
        {created ? (
          <div className="banner banner-warn" role="status" data-testid="api-key-created">
            <p>
              <strong>{l(created.warning)}</strong>
            </p>
            <p>
              <code className="secret">{created.key}</code>
            </p>
            <button type="button" className="btn" onClick={() => setCreated(null)}>
              {t('adm.key.stored')}
            </button>
          </div>
        ) : null}
        <KeyForm
          onCreated={(k) => {
            setCreated(k);
            list.reload();
          }}
        />
      </div>
    </div>
  );
}
