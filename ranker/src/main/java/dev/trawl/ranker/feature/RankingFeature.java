package dev.trawl.ranker.feature;

import java.util.ArrayList;
import java.util.List;

/**
 * The features Trawl computes for each (query, candidate document) pair, in column order.
 *
 * <p>Terms: the <em>candidate</em> is a document of the query's fused list; its <em>feature
 * passage</em> is the passage a hit would show (the best passage either retriever found, see
 * {@code HybridSearcher.snippetPassage}). Query terms are the distinct terms of the query text
 * analyzed like the {@code contents} field (English analyzer: stop words removed, Porter stems),
 * each weighted by its count in the query, as the BM25 retriever weights them. BM25 uses Lucene's
 * formula with the collection's parameters ({@code k1=0.9, b=0.4}) and statistics over passage
 * entries (deleted entries included, as Lucene's are). A <em>missing</em> value is NaN: XGBoost
 * treats it as missing, and LETOR logs leave it out (or write the number they were asked to).
 *
 * <p>Add a feature by appending a constant (new name, version 1): existing models keep working,
 * reading the columns they were trained on by name ({@link FeatureSchema#columnsFor}). Change a
 * definition by bumping its version: models trained on the old definition are then refused, which
 * is intended: they must be retrained. Never reuse a removed feature's name.
 */
public enum RankingFeature {
  BM25_CONTENTS("bm25_contents", 1,
      "BM25 of the query terms against the feature passage's contents field (title + passage text), with"
          + " Lucene's statistics and length norms: the lexical retriever's score for that passage."),
  BM25_TITLE("bm25_title", 1,
      "BM25 of the query terms against the feature passage's title field, with the title field's statistics."),
  BM25_TEXT("bm25_text", 1,
      "BM25 of the query terms against the passage text alone: term frequency = contents tf - title tf,"
          + " length = contents length - title length (decoded norms), average length = (sum of contents"
          + " lengths - sum of title lengths) / passages, idf from the contents field."),
  VECTOR_SIMILARITY("vector_similarity", 1,
      "Inner product (cosine: both unit length) of the query embedding and the feature passage's stored"
          + " embedding (title + passage text); missing when the query was not embedded."),
  LEXICAL_RANK("lexical_rank", 1,
      "1-based rank of the document in BM25's document ranking (passages collapsed to their best);"
          + " missing if BM25 did not retrieve it."),
  LEXICAL_SCORE("lexical_score", 1,
      "BM25 score of the document's best retrieved passage; missing if BM25 did not retrieve it."),
  VECTOR_RANK("vector_rank", 1,
      "1-based rank of the document in vector search's document ranking; missing if not retrieved."),
  VECTOR_SCORE("vector_score", 1,
      "Similarity of the document's best passage found by vector search; missing if not retrieved."),
  FUSED_RANK("fused_rank", 1, "1-based rank of the document in the fused (hybrid) list."),
  FUSED_SCORE("fused_score", 1,
      "Score of the document in the fused list (reciprocal rank fusion, k=60, unless the request chose"
          + " another fusion)."),
  QUERY_TERM_COVERAGE("query_term_coverage", 1,
      "Fraction of the distinct query terms that occur in the feature passage's contents; 0 for a query"
          + " without terms."),
  QUERY_IDF_COVERAGE("query_idf_coverage", 1,
      "Sum of the contents idf of the query terms occurring in the passage contents over the sum for all"
          + " distinct query terms; 0 when that sum is 0."),
  TITLE_TERM_COVERAGE("title_term_coverage", 1,
      "Title match: fraction of the distinct query terms that occur in the passage's title field."),
  MIN_COVER_WINDOW("min_cover_window", 1,
      "Proximity: length in positions (last - first + 1) of the smallest window of the contents field that"
          + " holds one occurrence of every distinct query term found in it, looking at each term's first "
          + TermProximity.MAX_POSITIONS + " occurrences; missing when fewer than 2 distinct terms occur."),
  PASSAGE_LENGTH("passage_length", 1,
      "Length of the feature passage's contents in tokens, as Lucene's length norm stores it (exact up to"
          + " 40, then within about 1/16)."),
  DOCUMENT_LENGTH("document_length", 1,
      "Sum of passage_length over all passages of the document (chunk overlaps are counted twice)."),
  DOCUMENT_PASSAGES("document_passages", 1, "Number of passages the document was split into."),
  QUERY_LENGTH("query_length", 1, "Number of distinct query terms (after analysis)."),
  BM25_CONTENTS_RATIO("bm25_contents_ratio", 1,
      "bm25_contents divided by the largest bm25_contents among the candidates featurized together (the reranked"
          + " head of the fused list); 0 when that maximum is 0. Comparable across queries, unlike raw BM25."),
  VECTOR_SIMILARITY_GAP("vector_similarity_gap", 1,
      "The largest vector_similarity among the candidates featurized together minus this candidate's; missing"
          + " when vector_similarity is."),
  FUSED_SCORE_RATIO("fused_score_ratio", 1,
      "fused_score divided by the largest fused_score among the candidates featurized together."),
  QUERY_MAX_BM25("query_max_bm25", 1,
      "Query-level: the largest bm25_contents among the candidates featurized together (how strongly the best"
          + " lexical match matches); 0 if none matches."),
  QUERY_MAX_SIMILARITY("query_max_similarity", 1,
      "Query-level: the largest vector_similarity among the candidates featurized together; missing when the"
          + " query was not embedded."),
  QUERY_MEAN_IDF("query_mean_idf", 1,
      "Query-level: mean contents idf of the distinct query terms (terms absent from the index count 0); 0 for"
          + " a query without terms."),
  FANOUT_QUERY_COUNT("fanout_query_count", 1,
      "In a fan-out request, how many of its queries retrieved the document (in their fused candidate"
          + " lists); 1 outside a fan-out."),
  FANOUT_BEST_RANK("fanout_best_rank", 1,
      "In a fan-out request, the best rank any of its queries' fused lists gave the document; its own"
          + " fused rank outside a fan-out."),
  PRF_SIMILARITY_3("prf_similarity_3", 1,
      "Pseudo-relevance feedback: inner product of the feature passage's stored embedding with the unit-length"
          + " sum of the stored embeddings of the first 3 candidates' feature passages in fused order (those"
          + " with a stored embedding); missing when the passage or all of the first 3 have none. Needs no"
          + " query embedding."),
  PRF_SIMILARITY_10("prf_similarity_10", 1,
      "As prf_similarity_3, with the first 10 candidates in fused order.");

  private final Feature feature;

  RankingFeature(String name, int version, String definition) {
    this.feature = new Feature(name, version, definition);
  }

  public Feature feature() {
    return feature;
  }

  /** The column of this feature in a {@link FeatureMatrix} of the current schema. */
  public int column() {
    return ordinal();
  }

  /** The schema of the features this version of Trawl computes. */
  public static FeatureSchema schema() {
    return SCHEMA;
  }

  private static final FeatureSchema SCHEMA;

  static {
    List<Feature> all = new ArrayList<>();
    for (RankingFeature f : values()) {
      all.add(f.feature);
    }
    SCHEMA = new FeatureSchema(all);
  }
}
