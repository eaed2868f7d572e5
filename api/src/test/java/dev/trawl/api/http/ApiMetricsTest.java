package dev.trawl.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

  @Test
  void shedAnswersAndLoopLagHaveTheirOwnFineHistograms() {
    ApiMetrics m = new ApiMetrics();
    m.record("POST /v1/collections/{c}/multi_search", 200, 40_000_000);
    m.record("POST /v1/collections/{c}/multi_search", 429, 300_000);
    m.record("POST /v1/collections/{c}/multi_search", 503, 2_000_000);
    m.recordLoopLag(-5); // a timer that fired early counts as no lag
    m.recordLoopLag(30_000_000);
    String text = m.scrape(new ApiMetrics.Gauges(0, 0, 1, 1, 0, List.of()));
    assertTrue(text.contains("trawl_http_shed_duration_seconds_bucket{le=\"5.0E-4\"} 1"), text);
    assertTrue(text.contains("trawl_http_shed_duration_seconds_count 2"), text);
    assertTrue(text.contains("trawl_event_loop_lag_seconds_bucket{le=\"5.0E-4\"} 1"), text);
    assertTrue(text.contains("trawl_event_loop_lag_seconds_count 2"), text);
    assertEquals(0.0025, m.shedQuantileBound(0.99));
    assertEquals(0.0005, m.shedQuantileBound(0.5));
    assertEquals(0.05, m.loopLagQuantileBound(0.99));
    assertEquals(0.0, new ApiMetrics().shedQuantileBound(0.99));
  }
}
