/** One application on its own page (the applicant's, the agent's or the department's view). */
import { useParams } from 'react-router';
import { ApplicationView } from '../../online/ApplicationView';
import { NotFoundPage } from '../NotFoundPage';

export default function ApplicationPage() {
  const { id } = useParams();
  const n = Number(id);
  if (!Number.isInteger(n) || n <= 0) return <NotFoundPage />;
  return (
    <section className="page wide">
      <ApplicationView key={n} id={n} />
    </section>
  );
}
