package dev.trawl.api.service;

import dev.trawl.query.filter.SearchFilter;
import java.util.Set;

/**
 * Who a request acts for. {@code principals == null} is an unrestricted (trusted) caller that
 * sees every document; otherwise the caller sees public documents and those whose ACL names
 * one of its principals.
 */
public record Caller(Set<String> principals) {
  public static final Caller UNRESTRICTED = new Caller(null);

  public Caller {
    principals = principals == null ? null : Set.copyOf(principals);
  }

  public boolean restricted() {
    return principals != null;
  }

  /** {@code filter} with this caller's visibility applied (replacing any principals it had). */
  public SearchFilter restrict(SearchFilter filter) {
    SearchFilter f = filter == null ? SearchFilter.NONE : filter;
    return principals == null ? f : f.withPrincipals(principals);
  }

  /** True when a document with {@code acl} (stored ACL values; {@code *} = public) is visible. */
  public boolean canSee(Iterable<String> acl) {
    if (principals == null) {
      return true;
    }
    for (String p : acl) {
      if (p.equals(dev.trawl.indexer.collection.IndexFields.PUBLIC) || principals.contains(p)) {
        return true;
      }
    }
    return false;
  }
}
