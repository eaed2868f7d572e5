package dev.trawl.query.rerank;

import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.SearchRequest;

/**
 * Everything a reranker may look at for one query.
 *
 * @param snapshot the index state the candidates were retrieved from
 * @param request the query's request (text, {@code rerank} and {@code explain} flags, k)
 * @param queryVector the query's embedding, or null when it was not embedded (lexical mode)
 * @param retrieved both retrievers' rankings and the fused list to rerank
 * @param fanOut signals from the other queries of a fan-out request, or null outside a fan-out
 */
public record RerankContext(CollectionSnapshot snapshot, SearchRequest request, float[] queryVector,
    HybridSearcher.Retrieved retrieved, FanOutSignals fanOut) {}
