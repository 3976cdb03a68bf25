package io.firebell.console.live;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Server-sent events for an open page: the changes on the topics it names (and, when it names a
 * subject, only that aggregate's), plus a comment-free heartbeat every 15 s so that proxies keep
 * the stream open. The browser's console.js re-reads the page regions that depend on them.
 */
@Path("/live")
@Authenticated
public class LiveResource {

  @Inject LiveEvents events;

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  public Multi<LiveEvents.Change> stream(@RestQuery String topics, @RestQuery String subject) {
    Set<String> wanted =
        topics == null || topics.isBlank()
            ? Set.of()
            : Arrays.stream(topics.split(",")).map(String::trim).collect(Collectors.toSet());
    Multi<LiveEvents.Change> matching =
        events
            .changes()
            .filter(c -> wanted.isEmpty() || wanted.contains(c.topic()))
            .filter(c -> subject == null || subject.isBlank() || subject.equals(c.subject()));
    Multi<LiveEvents.Change> heartbeat =
        Multi.createFrom()
            .ticks()
            .every(Duration.ofSeconds(15))
            .map(t -> new LiveEvents.Change("heartbeat", "", ""));
    return Multi.createBy().merging().streams(matching, heartbeat);
  }
}
