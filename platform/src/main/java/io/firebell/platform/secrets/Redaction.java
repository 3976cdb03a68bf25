package io.firebell.platform.secrets;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The form of a credential-bearing URL that people below the role managing it may read. Slack and
 * Teams incoming-webhook URLs (and many receivers' URLs) carry their secret in the path or query,
 * so only the scheme, the host and the last four characters remain: enough to tell two apart.
 */
public final class Redaction {

  /** What stands for the removed part. */
  public static final String ELLIPSIS = "…";

  private Redaction() {}

  /**
   * {@code https://hooks.slack.com/…Xy9Z}; null stays null, a URL that does not parse is hidden.
   */
  public static String url(String url) {
    if (url == null) {
      return null;
    }
    String tail = url.length() > 4 ? url.substring(url.length() - 4) : "";
    try {
      URI uri = new URI(url);
      if (uri.getScheme() != null && uri.getHost() != null) {
        return uri.getScheme() + "://" + uri.getHost() + "/" + ELLIPSIS + tail;
      }
    } catch (URISyntaxException e) {
      // Shown like any other: nothing of it but its tail.
    }
    return ELLIPSIS + tail;
  }
}
