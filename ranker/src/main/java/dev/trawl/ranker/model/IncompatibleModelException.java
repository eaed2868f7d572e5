package dev.trawl.ranker.model;

/**
 * A stored reranker model cannot be used: unreadable, inconsistent with its schema file, or
 * trained on other features. The message names the files and says how to fix it.
 */
public final class IncompatibleModelException extends IllegalStateException {
  public IncompatibleModelException(String message) {
    super(message);
  }

  public IncompatibleModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
