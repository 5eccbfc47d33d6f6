import type { Problem } from '../publish/problems.js';
import { useDesigner } from './designer-context.js';

/** Every validation issue of the draft; each links to the element it is about. */
export function ProblemsPanel({ problems }: { problems: Problem[] }) {
  const { t, select } = useDesigner();
  return (
    <section className="sc-problems" aria-label={t('problems', { n: problems.length })}>
      <h3>{t('problems', { n: problems.length })}</h3>
      {problems.length === 0 ? (
        <p className="sc-muted">{t('noProblems')}</p>
      ) : (
        <ul>
          {problems.map((p) => (
            <li key={`${p.path}:${p.code}:${p.message}`}>
              <button type="button" className="sc-link" onClick={() => select(p.target)} data-path={p.path}>
                <code>{p.code}</code> {p.message} <span className="sc-muted">{p.path}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
