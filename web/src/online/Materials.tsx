/**
 * 申请材料 The materials of an application: each with its limits (formats,
 * size per file, number of files), the files already uploaded (download,
 * remove while editable), and an upload control. A file is checked here
 * against the material's limits before it is sent; the server judges the
 * bytes again and its refusal is shown beside the material it concerns.
 */
import { useId, useState } from 'react';
import { api } from '../api/client';
import type { ApplicationMaterial, FileFormat } from '../api/services-types';
import { errorText } from '../components/feedback';
import { useI18n } from '../i18n';
import { fileSize } from './format';

const FORMAT_TYPES: Record<FileFormat, { types: string[]; extensions: string[]; label: string }> = {
  pdf: { types: ['application/pdf'], extensions: ['pdf'], label: 'PDF' },
  jpeg: { types: ['image/jpeg', 'image/jpg'], extensions: ['jpg', 'jpeg'], label: 'JPG' },
  png: { types: ['image/png'], extensions: ['png'], label: 'PNG' },
};

export function formatList(formats: readonly FileFormat[]): string {
  return formats.map((f) => FORMAT_TYPES[f].label).join(' / ');
}

/** The format the file claims by its type or its name, if it is one the material accepts. */
function acceptedFormat(file: File, formats: readonly FileFormat[]): FileFormat | null {
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  return (
    formats.find(
      (f) =>
        FORMAT_TYPES[f].types.includes(file.type) ||
        (!file.type && FORMAT_TYPES[f].extensions.includes(extension)),
    ) ?? null
  );
}

function MaterialRow({
  applicationId,
  material,
  canUpload,
  canRemove,
  flag,
  onChanged,
}: {
  applicationId: number;
  material: ApplicationMaterial;
  canUpload: boolean;
  canRemove: boolean;
  flag?: string;
  onChanged(): void;
}) {
  const { t, l, fmtDateTime } = useI18n();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const full = material.files.length >= material.maxCount;
  const accept = material.formats.flatMap((f) => [
    ...FORMAT_TYPES[f].types,
    ...FORMAT_TYPES[f].extensions.map((e) => `.${e}`),
  ]);

  const send = async (file: File) => {
    setError(null);
    if (!acceptedFormat(file, material.formats))
      return setError(t('svc.fileType', { formats: formatList(material.formats) }));
    if (file.size > material.maxSizeKb * 1024)
      return setError(t('svc.fileSize', { size: fileSize(material.maxSizeKb * 1024) }));
    if (file.size === 0) return setError(t('svc.fileEmpty'));
    if (full) return setError(t('svc.fileCount', { n: material.maxCount }));
    setBusy(true);
    try {
      await api(`/api/services/applications/${applicationId}/files`, {
        query: { material: material.code, name: file.name },
        file,
      });
      onChanged();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (fileId: number) => {
    setError(null);
    setBusy(true);
    try {
      await api(`/api/services/applications/${applicationId}/files/${fileId}`, { method: 'DELETE' });
      onChanged();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li
      className={`material${flag ? ' flagged' : ''}${error ? ' field-invalid' : ''}`}
      data-material={material.code}
    >
      <div className="material-head">
        <strong>{l(material.name)}</strong>{' '}
        {material.required ? (
          <span className="chip">{t('svc.required')}</span>
        ) : (
          <span className="chip">{t('common.optional')}</span>
        )}
        <span className="sub">
          {t('svc.limits', {
            formats: formatList(material.formats),
            size: fileSize(material.maxSizeKb * 1024),
            n: material.maxCount,
          })}
        </span>
      </div>
      {flag ? (
        <p className="banner banner-warn">
          {t('svc.correctionHere')}: {flag}
        </p>
      ) : null}
      {material.files.length ? (
        <ul className="files">
          {material.files.map((f) => (
            <li key={f.id}>
              <a href={f.url} target="_blank" rel="noopener" data-testid="material-file">
                {f.fileName}
              </a>{' '}
              <span className="sub-inline">
                {fileSize(f.size)} · {fmtDateTime(f.uploadedAt)}
              </span>
              {canRemove ? (
                <button
                  type="button"
                  className="btn btn-quiet"
                  disabled={busy}
                  onClick={() => void remove(f.id)}
                  aria-label={t('svc.removeFile', { name: f.fileName })}
                >
                  {t('svc.remove')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{t('svc.noFiles')}</p>
      )}
      {canUpload && !full ? (
        <div className="field">
          <label htmlFor={id}>{t('svc.chooseFile', { name: l(material.name) })}</label>
          <input
            id={id}
            type="file"
            name={`material-${material.code}`}
            accept={accept.join(',')}
            disabled={busy}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void send(file);
            }}
          />
          {busy ? (
            <p className="hint" role="status">
              {t('svc.uploading')}
            </p>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p className="error" id={`${id}-error`} role="alert" data-testid="material-error">
          {error}
        </p>
      ) : null}
    </li>
  );
}

export function Materials({
  applicationId,
  materials,
  canUpload,
  canRemove,
  flagged = {},
  onChanged,
}: {
  applicationId: number;
  materials: ApplicationMaterial[];
  canUpload: boolean;
  canRemove: boolean;
  flagged?: Record<string, string>;
  onChanged(): void;
}) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="materials-title" data-testid="materials">
      <h2 id="materials-title">{t('svc.materials')}</h2>
      <ul className="materials">
        {materials.map((m) => (
          <MaterialRow
            key={m.code}
            applicationId={applicationId}
            material={m}
            canUpload={canUpload}
            canRemove={canRemove}
            flag={flagged[m.code]}
            onChanged={onChanged}
          />
        ))}
      </ul>
    </section>
  );
}
