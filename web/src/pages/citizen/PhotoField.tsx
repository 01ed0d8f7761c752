/**
 * Photos chosen on the phone, checked (type, size, count) and previewed.
 * There is no upload API yet, so they stay in the browser: the hint says so.
 */
import { useEffect, useId, useState } from 'react';
import { useI18n } from '../../i18n';

const MAX = 3;
const MAX_BYTES = 5 * 1024 * 1024;
const TYPES = ['image/jpeg', 'image/png'];

export function PhotoField({ files, onChange }: { files: File[]; onChange(files: File[]): void }) {
  const { t } = useI18n();
  const id = useId();
  const [error, setError] = useState<string | undefined>();
  const [urls, setUrls] = useState<string[]>([]);
  useEffect(() => {
    const made = files.map((f) => URL.createObjectURL(f));
    setUrls(made);
    return () => {
      for (const u of made) URL.revokeObjectURL(u);
    };
  }, [files]);
  const add = (list: FileList | null) => {
    const picked = [...(list ?? [])];
    if (picked.some((f) => !TYPES.includes(f.type))) return setError(t('v.photoType'));
    if (picked.some((f) => f.size > MAX_BYTES)) return setError(t('v.photoSize'));
    if (files.length + picked.length > MAX) return setError(t('v.photoCount'));
    setError(undefined);
    onChange([...files, ...picked]);
  };
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {t('field.photos')} <span className="opt">（{t('common.optional')}）</span>
      </label>
      <input
        id={id}
        type="file"
        accept={TYPES.join(',')}
        multiple
        onChange={(e) => {
          add(e.target.files);
          e.target.value = '';
        }}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? true : undefined}
      />
      <p className="hint" id={`${id}-hint`}>
        {t('field.photosHint')}
      </p>
      {error ? (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {urls.length ? (
        <ul className="photos">
          {urls.map((u, i) => (
            <li key={u}>
              <img src={u} alt="" />
              <button
                type="button"
                className="btn btn-quiet"
                onClick={() => onChange(files.filter((_, j) => j !== i))}
              >
                {t('field.photoRemove', { n: i + 1 })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
