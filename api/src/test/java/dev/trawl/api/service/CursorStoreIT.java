package dev.trawl.api.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.embed.HashingEmbedder;
import dev.trawl.indexer.source.SourceDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CursorStoreIT {
  @TempDir Path dir;
  private DocumentCollection collection;
  private final AtomicLong now = new AtomicLong(1_000_000);
  private CursorStore store;

  @BeforeEach
  void setUp() throws Exception {
    collection = DocumentCollection.open("notes", dir, new HashingEmbedder(16), CollectionOptions.defaults());
    collection.upsert(List.of(SourceDocument.of("a", "A", "alpha")));
    collection.commit();
    store = new CursorStore(Duration.ofSeconds(300), 2, now::get);
  }

  @AfterEach
  void tearDown() throws Exception {
    store.close();
    collection.close();
  }

  @Test
  void tokensRoundTripAndAreIdempotent() {
    var s = collection.snapshot();
    String token = store.open(CursorStore.Kind.SEARCH, s, "state", Caller.UNRESTRICTED, 10, 10);
    var t = CursorStore.decode(token);
    assertEquals(10, t.offset());
    assertEquals("notes", t.collection());
    for (int i = 0; i < 2; i++) {
      try (var lease = store.resume(token, CursorStore.Kind.SEARCH, "notes", Caller.UNRESTRICTED)) {
        assertEquals("state", lease.state());
        assertEquals(10, lease.offset());
      }
    }
  }

  @Test
  void malformedTokensAreInvalidNotExpired() {
    for (String bad : new String[] {"", "c1.", "c1.!!!", "x1.AAAA", "c1.AAAA"}) {
      assertThrows(ServiceException.InvalidCursor.class,
          () -> store.resume(bad, CursorStore.Kind.SEARCH, "notes", Caller.UNRESTRICTED), bad);
    }
  }

  @Test
  void expiryAndEvictionReleaseTheSnapshot() {
    var s1 = collection.snapshot();
    int refs = s1.reader().getRefCount();
    String t1 = store.open(CursorStore.Kind.SEARCH, s1, "one", Caller.UNRESTRICTED, 5, 5);
    now.addAndGet(301_000);
    assertThrows(ServiceException.CursorExpired.class,
        () -> store.resume(t1, CursorStore.Kind.SEARCH, "notes", Caller.UNRESTRICTED));
    assertEquals(refs - 1, s1.reader().getRefCount(), "the expired cursor released its snapshot");

    String a = store.open(CursorStore.Kind.SEARCH, collection.snapshot(), "a", Caller.UNRESTRICTED, 5, 5);
    store.open(CursorStore.Kind.SEARCH, collection.snapshot(), "b", Caller.UNRESTRICTED, 5, 5);
    store.open(CursorStore.Kind.SEARCH, collection.snapshot(), "c", Caller.UNRESTRICTED, 5, 5);
    assertEquals(2, store.size());
    assertThrows(ServiceException.CursorExpired.class,
        () -> store.resume(a, CursorStore.Kind.SEARCH, "notes", Caller.UNRESTRICTED), "the oldest was evicted");
  }

  @Test
  void theLastPageClosesTheCursorAndPrincipalsMustMatch() {
    Caller hr = new Caller(Set.of("group:hr"));
    String t = store.open(CursorStore.Kind.MULTI_SEARCH, collection.snapshot(), "x", hr, 5, 5);
    assertThrows(ServiceException.InvalidCursor.class,
        () -> store.resume(t, CursorStore.Kind.MULTI_SEARCH, "notes", Caller.UNRESTRICTED));
    assertThrows(ServiceException.InvalidCursor.class,
        () -> store.resume(t, CursorStore.Kind.SEARCH, "notes", hr));
    var e = assertThrows(ServiceException.InvalidCursor.class,
        () -> store.resume(t, CursorStore.Kind.MULTI_SEARCH, "other", hr));
    assertTrue(e.getMessage().contains("'notes'"));
    try (var lease = store.resume(t, CursorStore.Kind.MULTI_SEARCH, "notes", hr)) {
      assertNull(lease.next(10, false));
    }
    assertEquals(0, store.size());
  }
}
