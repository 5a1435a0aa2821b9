package dev.videogen.media;

/**
 * A job's input is unusable: a file that cannot be read or decoded, a field with an invalid value. Known bad
 * input becomes a failure record for that job; it never fails a bundle. The message names the subject (a
 * file, a URI or a spec field) and the reason, so a person can act on it.
 */
public class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String subject;
  private final String reason;

  public BadInputException(String subject, String reason) {
    this(subject, reason, null);
  }

  public BadInputException(String subject, String reason, Throwable cause) {
    super(subject + ": " + reason, cause);
    this.subject = subject;
    this.reason = reason;
  }

  /** The file, URI or spec field at fault. */
  public String subject() {
    return subject;
  }

  public String reason() {
    return reason;
  }
}
