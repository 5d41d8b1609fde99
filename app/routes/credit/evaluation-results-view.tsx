// A course's evaluation results as staff and the course's faculty see them: the counts, and
// per question the distribution (numbers in a table, the bar only repeats them) and the mean,
// or the comments — nothing until MIN_ANSWERS_FOR_RESULTS people answered.
import { DataTable } from '#app/components/data-table.tsx';
import type { EvaluationResults } from '#domain/evaluations/evaluation-results.server.ts';
import { MIN_ANSWERS_FOR_RESULTS } from '#domain/evaluations/questions.ts';
import { t } from '#lib/i18n.ts';

export function EvaluationResultsView({ results, csvUrl }: { results: EvaluationResults; csvUrl: string | null }) {
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title">{t('evaluationStaff.resultsTitle')}</h2>
      <p>{t('evaluationStaff.counts', { completed: results.completed, participants: results.participants, responses: results.responses })}</p>
      {!results.shown ? (
        <p>{t('evaluationStaff.tooFew', { min: MIN_ANSWERS_FOR_RESULTS })}</p>
      ) : (
        <>
          {csvUrl && (
            <p>
              <a href={csvUrl} download>
                {t('evaluationStaff.csv')}
              </a>
            </p>
          )}
          {results.results.map((q) => (
            <section key={q.key} className="stack" aria-label={q.text}>
              <h3>{q.text}</h3>
              {q.kind === 'scale' ? (
                <>
                  <p>{q.mean === null ? t('evaluationStaff.noAnswers') : t('evaluationStaff.mean', { mean: q.mean.toFixed(2), answered: q.answered })}</p>
                  <DataTable caption={t('evaluationStaff.distributionOf', { question: q.text })} captionHidden>
                    <thead>
                      <tr>
                        <th scope="col">{t('evaluationStaff.answer')}</th>
                        <th scope="col">{t('evaluationStaff.people')}</th>
                        <th scope="col">{t('evaluationStaff.share')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {q.distribution.map((n, i) => {
                        const share = q.answered ? Math.round((n / q.answered) * 100) : 0;
                        return (
                          <tr key={i}>
                            <th scope="row">{i === 0 ? t('evaluationPage.scale1') : i === 4 ? t('evaluationPage.scale5') : String(i + 1)}</th>
                            <td>{n}</td>
                            <td>
                              <span className="result-bar" aria-hidden="true">
                                <span style={{ width: `${share}%` }} />
                              </span>{' '}
                              {share}%
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </DataTable>
                </>
              ) : q.comments.length === 0 ? (
                <p>{t('evaluationStaff.noComments')}</p>
              ) : (
                <ul>
                  {q.comments.map((c, i) => (
                    <li key={i}>{c}</li>
                  ))}
                </ul>
              )}
            </section>
          ))}
        </>
      )}
    </section>
  );
}
