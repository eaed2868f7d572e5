package dev.trawl.api.service;

import dev.trawl.indexer.collection.CollectionSnapshot;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Open cursors: each pins the {@link CollectionSnapshot} a result list was computed on, plus
 * that list, so later pages come from the same index state while writes continue.
 *
 * <p>A cursor token is opaque to callers. It carries a format version, the cursor id, the
 * offset of the page it asks for, the endpoint kind and the collection name, so a page request
 * is idempotent (retrying a token returns the same page) and a token sent to the wrong
 * collection or endpoint is recognised as such even after it expired.
 *
 * <p>Lifetime: a cursor expires {@link #ttl()} after its last use, and at most {@code maxOpen}
 * are open (opening one more evicts the least recently used). Expiry, eviction and serving the
 * last page release the snapshot. Snapshots are reference counted, so a page being read while
 * its cursor expires stays valid until that read ends. Thread-safe.
 */
public final class CursorStore implements AutoCloseable {
  private static final byte VERSION = 1;
  private static final int ID_BYTES = 12;

  /** Which endpoint a cursor pages through. */
  /** What a cursor pages; grouped kinds page groups. New kinds go last: tokens carry the ordinal. */
  public enum Kind { SEARCH, MULTI_SEARCH, GROUPED_SEARCH, GROUPED_MULTI_SEARCH }

  private final Duration ttl;
  private final int maxOpen;
  private final LongSupplier clockMillis;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Entry> open = new LinkedHashMap<>(16, 0.75f, true);

  public CursorStore(Duration ttl, int maxOpen) {
    this(ttl, maxOpen, System::currentTimeMillis);
  }

  CursorStore(Duration ttl, int maxOpen, LongSupplier clockMillis) {
    if (ttl.isNegative() || ttl.isZero() || maxOpen < 1) {
      throw new IllegalArgumentException("cursor ttl must be positive and max open cursors >= 1");
    }
    this.ttl = ttl;
    this.maxOpen = maxOpen;
    this.clockMillis = clockMillis;
  }

  public Duration ttl() {
    return ttl;
  }

  /** A decoded token. */
  record Token(String id, int offset, Kind kind, String collection) {}

  private static final class Entry {
    final String id;
    final Kind kind;
    final String collection;
    final CollectionSnapshot snapshot;
    final Object state;
    final Set<String> principals;
    final int pageSize;
    final AtomicInteger refs = new AtomicInteger(1);
    volatile long lastUsed;

    Entry(String id, Kind kind, String collection, CollectionSnapshot snapshot, Object state, Set<String> principals,
        int pageSize, long now) {
      this.id = id;
      this.kind = kind;
      this.collection = collection;
      this.snapshot = snapshot;
      this.state = state;
      this.principals = principals;
      this.pageSize = pageSize;
      this.lastUsed = now;
    }

    boolean acquire() {
      while (true) {
        int r = refs.get();
        if (r <= 0) {
          return false;
        }
        if (refs.compareAndSet(r, r + 1)) {
          return true;
        }
      }
    }

    void release() {
      if (refs.decrementAndGet() == 0) {
        snapshot.close();
      }
    }
  }

  /** A page request's hold on an open cursor; close it when the page is built. */
  public final class Lease implements AutoCloseable {
    private final Entry entry;
    private final int offset;
    private boolean closed;

    private Lease(Entry entry, int offset) {
      this.entry = entry;
      this.offset = offset;
    }

    public CollectionSnapshot snapshot() {
      return entry.snapshot;
    }

    public Object state() {
      return entry.state;
    }

    /** The offset this token asks for. */
    public int offset() {
      return offset;
    }

    /** The page size the cursor was opened with. */
    public int pageSize() {
      return entry.pageSize;
    }

    /** A token for the page at {@code nextOffset}, or null (and the cursor is closed) when {@code hasMore} is false. */
    public String next(int nextOffset, boolean hasMore) {
      if (!hasMore) {
        remove(entry);
        return null;
      }
      return encode(new Token(entry.id, nextOffset, entry.kind, entry.collection));
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        entry.release();
      }
    }
  }

  /**
   * Opens a cursor over {@code snapshot} (ownership passes to the store) and returns the token
   * of the page at {@code nextOffset}.
   */
  public String open(Kind kind, CollectionSnapshot snapshot, Object state, Caller caller, int pageSize,
      int nextOffset) {
    byte[] idBytes = new byte[ID_BYTES];
    random.nextBytes(idBytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
    Entry e = new Entry(id, kind, snapshot.collection(), snapshot, state, caller.principals(), pageSize,
        clockMillis.getAsLong());
    List<Entry> dropped = new ArrayList<>();
    synchronized (open) {
      expire(dropped);
      while (open.size() >= maxOpen) {
        Iterator<Entry> it = open.values().iterator();
        dropped.add(it.next());
        it.remove();
      }
      open.put(id, e);
    }
    dropped.forEach(Entry::release);
    return encode(new Token(id, nextOffset, kind, e.collection));
  }

  /**
   * Resumes the cursor in {@code token} for a page request to {@code collection}'s {@code kind} endpoint.
   *
   * @throws ServiceException.InvalidCursor if the token is malformed or belongs elsewhere
   * @throws ServiceException.CursorExpired if it is well formed but no longer open
   */
  public Lease resume(String token, Kind kind, String collection, Caller caller) {
    Token t = decode(token);
    if (!t.collection().equals(collection)) {
      throw new ServiceException.InvalidCursor("this cursor belongs to collection '" + t.collection()
          + "', not '" + collection + "'; send it to that collection's endpoint or start a new search");
    }
    if (t.kind() != kind) {
      throw new ServiceException.InvalidCursor("this cursor pages a " + label(t.kind()) + " result; send it to "
          + label(t.kind()) + ", not " + label(kind));
    }
    List<Entry> dropped = new ArrayList<>();
    Entry e;
    synchronized (open) {
      expire(dropped);
      e = open.get(t.id());
      if (e != null) {
        e.lastUsed = clockMillis.getAsLong();
      }
    }
    dropped.forEach(Entry::release);
    if (e == null || !e.acquire()) {
      throw new ServiceException.CursorExpired("this cursor has expired or was already used up: cursors stay open "
          + ttl.toSeconds() + " s after their last use (at most " + maxOpen + " at a time). Re-run the search "
          + "without a cursor to start again from the current index.");
    }
    if (!Objects.equals(e.principals, caller.principals())) {
      e.release();
      throw new ServiceException.InvalidCursor("this cursor was issued to a caller with other principals; "
          + "re-run the search with your own principals");
    }
    return new Lease(e, t.offset());
  }

  /**
   * The kind of result {@code token} pages, read from the token alone (the endpoint picks the
   * page method by it; {@link #resume} checks everything else).
   *
   * @throws ServiceException.InvalidCursor if the token is malformed
   */
  public static Kind kindOf(String token) {
    return decode(token).kind();
  }

  private static String label(Kind k) {
    return switch (k) {
      case SEARCH -> "search";
      case MULTI_SEARCH -> "multi_search";
      case GROUPED_SEARCH -> "grouped search";
      case GROUPED_MULTI_SEARCH -> "grouped multi_search";
    };
  }

  /** Closes every cursor of {@code collection} (before it is deleted). */
  public void closeAll(String collection) {
    List<Entry> dropped = new ArrayList<>();
    synchronized (open) {
      open.values().removeIf(e -> {
        if (e.collection.equals(collection)) {
          dropped.add(e);
          return true;
        }
        return false;
      });
    }
    dropped.forEach(Entry::release);
  }

  /** Number of open cursors (after dropping expired ones). */
  public int size() {
    List<Entry> dropped = new ArrayList<>();
    int n;
    synchronized (open) {
      expire(dropped);
      n = open.size();
    }
    dropped.forEach(Entry::release);
    return n;
  }

  private void remove(Entry e) {
    boolean removed;
    synchronized (open) {
      removed = open.remove(e.id, e);
    }
    if (removed) {
      e.release();
    }
  }

  /** Moves expired entries from the map to {@code dropped}; caller holds the lock. */
  private void expire(List<Entry> dropped) {
    long cutoff = clockMillis.getAsLong() - ttl.toMillis();
    Iterator<Entry> it = open.values().iterator();
    while (it.hasNext()) {
      Entry e = it.next();
      if (e.lastUsed <= cutoff) {
        dropped.add(e);
        it.remove();
      }
    }
  }

  static String encode(Token t) {
    byte[] id = Base64.getUrlDecoder().decode(t.id());
    byte[] coll = t.collection().getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(1 + 1 + id.length + 4 + coll.length);
    b.put(VERSION).put((byte) t.kind().ordinal()).put(id).putInt(t.offset()).put(coll);
    return "c1." + Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  static Token decode(String token) {
    String bad = "malformed cursor: pass back the 'cursor' value of a previous response unchanged";
    if (token == null || !token.startsWith("c1.") || token.length() > 200) {
      throw new ServiceException.InvalidCursor(bad);
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(token.substring(3));
    } catch (IllegalArgumentException e) {
      throw new ServiceException.InvalidCursor(bad);
    }
    if (raw.length < 2 + ID_BYTES + 4 + 1 || raw[0] != VERSION || raw[1] < 0 || raw[1] >= Kind.values().length) {
      throw new ServiceException.InvalidCursor(bad);
    }
    ByteBuffer b = ByteBuffer.wrap(raw);
    b.get();
    Kind kind = Kind.values()[b.get()];
    byte[] id = new byte[ID_BYTES];
    b.get(id);
    int offset = b.getInt();
    byte[] coll = new byte[b.remaining()];
    b.get(coll);
    if (offset < 0) {
      throw new ServiceException.InvalidCursor(bad);
    }
    return new Token(Base64.getUrlEncoder().withoutPadding().encodeToString(id), offset, kind,
        new String(coll, StandardCharsets.UTF_8));
  }

  /** Releases every cursor. */
  @Override
  public void close() {
    List<Entry> dropped;
    synchronized (open) {
      dropped = new ArrayList<>(open.values());
      open.clear();
    }
    dropped.forEach(Entry::release);
  }
}
