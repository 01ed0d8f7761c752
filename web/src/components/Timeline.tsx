/** A ticket's history, oldest first, as an ordered list. */
import { useI18n } from '../i18n';

export interface TimelineItem {
  key: string | number;
  at: string;
  label: string;
  who?: string | null;
  text?: string | null;
  internal?: boolean;
}

export function Timeline({ items, title }: { items: TimelineItem[]; title: string }) {
  const { fmtDateTime } = useI18n();
  return (
    <section className="timeline" aria-label={title} data-testid="timeline">
      <h2>{title}</h2>
      <ol>
        {items.map((e) => (
          <li key={e.key} className={e.internal ? 'internal' : undefined}>
            <time dateTime={e.at}>{fmtDateTime(e.at)}</time>
            <strong>{e.label}</strong>
            {e.who ? <span className="who"> · {e.who}</span> : null}
            {e.text ? <p>{e.text}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
