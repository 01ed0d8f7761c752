/** A panel whose server API is not there yet: says which one, in the user's language. */
import { useI18n } from '../i18n';

export function WaitingApi({ title, api }: { title: string; api: string }) {
  const { t } = useI18n();
  return (
    <section className="panel waiting" data-testid="waiting-api">
      <h2>{title}</h2>
      <p className="hint">{t('common.waitingApi', { api })}</p>
    </section>
  );
}
