package dev.trawl.api.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.indexer.collection.CollectionStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiMetricsTest {
  @Test
  void histogramBucketsAreCumulativeAndLabelsEscaped() {
    ApiMetrics m = new ApiMetrics();
    m.record("POST /v1/collections/{c}/search", 200, 3_000_000);
    m.record("POST /v1/collections/{c}/search", 200, 300_000_000);
    m.record("POST /v1/collections/{c}/search", 400, 1_000_000);
    String text = m.scrape(new ApiMetrics.Gauges(1, 2, 4, 5, 6,
        List.of(new CollectionStats("we\"ird", 3, 4, 4, 100))));
    assertTrue(text.contains("trawl_http_requests_total{route=\"/v1/collections/{c}/search\",method=\"POST\","
        + "status=\"200\"} 2"), text);
    assertTrue(text.contains("le=\"0.005\"} 2"), text);
    assertTrue(text.contains("le=\"0.25\"} 2"), text);
    assertTrue(text.contains("le=\"0.5\"} 3"), text);
    assertTrue(text.contains("le=\"+Inf\"} 3"), text);
    assertTrue(text.contains("trawl_worker_queue_depth 2"), text);
    assertTrue(text.contains("trawl_collection_documents{collection=\"we\\\"ird\"} 3"), text);
  }
}
