import { useParams } from 'react-router';
import { TicketView } from '../../staff/TicketView';
import { NotFoundPage } from '../NotFoundPage';

export default function TicketPage() {
  const { id } = useParams();
  const n = Number(id);
  if (!Number.isInteger(n) || n <= 0) return <NotFoundPage />;
  return (
    <section className="page wide">
      <TicketView id={n} />
    </section>
  );
}
