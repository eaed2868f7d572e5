package dev.trawl.api.service;

/**
 * A request the service could not carry out, with a stable machine-readable {@link #code()}
 * and a message that tells the caller what to do. The HTTP layer maps each subclass to a status.
 */
public abstract sealed class ServiceException extends RuntimeException
    permits ServiceException.NotFound, ServiceException.Conflict, ServiceException.CursorExpired,
        ServiceException.InvalidCursor, ServiceException.Overloaded, ServiceException.DeadlineExceeded,
        ServiceException.Unauthorized, ServiceException.Forbidden, ServiceException.Invalid {
  private static final long serialVersionUID = 1L;
  private final String code;

  ServiceException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** A document (or passage) does not exist, or the caller may not see it. */
  public static final class NotFound extends ServiceException {
    private static final long serialVersionUID = 1L;

    public NotFound(String code, String message) {
      super(code, message);
    }
  }

  /** A request the service refuses as a whole before changing anything (400), e.g. a bulk body repeating an id. */
  public static final class Invalid extends ServiceException {
    private static final long serialVersionUID = 1L;

    public Invalid(String code, String message) {
      super(code, message);
    }
  }

  /** No API key, or one the server does not know (401). The message never repeats the key. */
  public static final class Unauthorized extends ServiceException {
    private static final long serialVersionUID = 1L;

    public Unauthorized(String code, String message) {
      super(code, message);
    }
  }

  /** A valid API key that may not do this (403): restricted keys only search and read. */
  public static final class Forbidden extends ServiceException {
    private static final long serialVersionUID = 1L;

    public Forbidden(String code, String message) {
      super(code, message);
    }
  }

  /** The request conflicts with the current state (e.g. creating a collection that exists). */
  public static final class Conflict extends ServiceException {
    private static final long serialVersionUID = 1L;

    public Conflict(String code, String message) {
      super(code, message);
    }
  }

  /** A well-formed cursor that is no longer open (expired, evicted, finished or from before a restart). */
  public static final class CursorExpired extends ServiceException {
    private static final long serialVersionUID = 1L;

    public CursorExpired(String message) {
      super("cursor_expired", message);
    }
  }

  /** A cursor that is not one of ours, or belongs to another collection, endpoint or caller. */
  public static final class InvalidCursor extends ServiceException {
    private static final long serialVersionUID = 1L;

    public InvalidCursor(String message) {
      super("invalid_cursor", message);
    }
  }

  /** Too many requests in flight and queued; retry after {@link #retryAfterSeconds()}. */
  public static final class Overloaded extends ServiceException {
    private static final long serialVersionUID = 1L;
    private final int retryAfterSeconds;

    public Overloaded(String message, int retryAfterSeconds) {
      super("overloaded", message);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  /** Nothing finished before the request's deadline. */
  public static final class DeadlineExceeded extends ServiceException {
    private static final long serialVersionUID = 1L;

    public DeadlineExceeded(String message) {
      super("deadline_exceeded", message);
    }
  }
}
