package io.firebell.broadcast.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.broadcast.model.Subscription;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<Subscription, UUID> {

  /*
   * The filters run in PostgreSQL and only three plain columns come back: a fan-out reads ten
   * thousand rows. Lists travel as JSON text (no array binding needed). A grade outside the SEVn
   * scheme, on either side, is let through: better one message too many than a missed alarm.
   */
  private static final String LISTENERS =
      "select s.endpoint_id, e.kind, s.audience_key from subscription s"
          + " join endpoint e on e.id = s.endpoint_id and e.enabled"
          + " where s.audience_key in (select jsonb_array_elements_text(cast(cast(?1 as text) as"
          + " jsonb)))"
          + " and (cardinality(s.domains) = 0 or s.domains && array(select"
          + " jsonb_array_elements_text(cast(cast(?2 as text) as jsonb))))"
          + " and (cardinality(s.services) = 0 or s.services && array(select"
          + " jsonb_array_elements_text(cast(cast(?3 as text) as jsonb))))"
          + " and (s.min_severity is null or cast(?4 as text) is null"
          + " or cast(?4 as text) !~ '^SEV[0-9]+$' or s.min_severity !~ '^SEV[0-9]+$'"
          + " or cast(substring(cast(?4 as text) from 4) as integer)"
          + " <= cast(substring(s.min_severity from 4) as integer))"
          + " and (cardinality(s.kinds) = 0 or cast(?5 as text) is null"
          + " or cast(?5 as text) = any(s.kinds))"
          + " order by s.created_at, s.id";

  private final ObjectMapper mapper;

  public SubscriptionRepository(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** A subscription of an audience held by an enabled endpoint whose filters matched. */
  public record Listener(UUID endpointId, String endpointKind, String audienceKey) {}

  /**
   * The subscriptions of these audiences whose endpoint is enabled and whose filters match an
   * incident with these services, domains and severity, oldest first. Empty filters match
   * everything; a domain or service filter matches when it shares an entry; a minimum severity
   * matches that grade and the more severe ones (SEV1 is the most severe); a kind filter matches an
   * incident of one of its kinds, and an incident of unknown kind (null) is let through.
   */
  public Uni<List<Listener>> listeners(
      List<String> audienceKeys,
      List<String> services,
      List<String> domains,
      String severity,
      String kind) {
    if (audienceKeys.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(LISTENERS, Object[].class)
                    .setParameter(1, json(audienceKeys))
                    .setParameter(2, json(domains))
                    .setParameter(3, json(services))
                    .setParameter(4, severity)
                    .setParameter(5, kind)
                    .getResultList())
        .map(
            rows ->
                rows.stream()
                    .map(r -> new Listener((UUID) r[0], (String) r[1], (String) r[2]))
                    .toList());
  }

  private String json(List<String> values) {
    try {
      return mapper.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a filter list", e);
    }
  }
}
