/**
 * IR evaluation: relevance judgments, runs, effectiveness metrics, run comparison and regression
 * checks, with the semantics of {@code trec_eval -c} so that Trawl's numbers can be compared with
 * published ones (Anserini, BEIR, MTEB).
 *
 * <ul>
 *   <li>Inputs: {@link dev.trawl.ranker.eval.Qrels} (BEIR {@code qrels/<split>.tsv} or TREC
 *       qrels), {@link dev.trawl.ranker.eval.BeirQueries} ({@code queries.jsonl}), {@link
 *       dev.trawl.ranker.eval.Run} (TREC run files, written in the order trec_eval reads them).
 *   <li>Scoring: {@link dev.trawl.ranker.eval.Metric} (nDCG@k, Recall@k, P@k, MRR@k, MAP) and
 *       {@link dev.trawl.ranker.eval.Evaluator}, which produces an {@link
 *       dev.trawl.ranker.eval.EvalReport} of per-query values and means.
 *   <li>Decisions: {@link dev.trawl.ranker.eval.RunComparison} (means, wins/losses/ties and a
 *       {@link dev.trawl.ranker.eval.PairedRandomizationTest} per metric against a baseline) and
 *       {@link dev.trawl.ranker.eval.RegressionExpectations} (expected numbers per dataset and
 *       mode, kept as JSON files and checked).
 * </ul>
 *
 * <p>Typical use:
 *
 * <pre>{@code
 * Qrels qrels = Qrels.readBeirSplit(scifact, "test");
 * List<Query> queries = BeirQueries.read(scifact.resolve("queries.jsonl")).forSplit(qrels);
 * Run run = ...; // one ranked list per query
 * EvalReport report = Evaluator.of("ndcg@10", "recall@100").evaluate(qrels, run);
 * List<String> failures = RegressionExpectations.read(expectationsFile).check(report);
 * }</pre>
 */
package dev.trawl.ranker.eval;
