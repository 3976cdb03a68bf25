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
   * The filters run in PostgreSQL and only four plain columns come back: a fan-out reads ten
   * thousand rows. Lists travel as JSON text (no array binding needed). A grade outside the SEVn
   * scheme, on either side, is let through: better one message too many than a missed alarm.
   * ?1 picks the audiences (by key or by scope), ?2 to ?5 are the subject's filters.
   */
  private static final String SELECT =
      "select s.endpoint_id, e.kind, s.audience_key, a.register from subscription s"
          + " join endpoint e on e.id = s.endpoint_id and e.enabled"
          + " join audience a on a.key = s.audience_key";

  private static final String FILTERS =
      " and (cardinality(s.domains) = 0 or s.domains && array(select"
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

  private static final String OF_AUDIENCES =
      SELECT
          + " where s.audience_key in (select jsonb_array_elements_text(cast(cast(?1 as text) as"
          + " jsonb)))"
          + FILTERS;

  private static final String IN_SCOPE = SELECT + " where a.scope = cast(?1 as text)" + FILTERS;

  private final ObjectMapper mapper;

  public SubscriptionRepository(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * A subscription of an audience held by an enabled endpoint whose filters matched, with the
   * audience's language register.
   */
  public record Listener(
      UUID endpointId, String endpointKind, String audienceKey, String audienceRegister) {}

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
    return query(OF_AUDIENCES, json(audienceKeys), services, domains, severity, kind);
  }

  /**
   * The same as {@link #listeners} for every audience of a scope ({@code internal} or {@code
   * external}), in one query: the fire alarm learns its audiences and their listeners at once.
   */
  public Uni<List<Listener>> listenersInScope(
      String scope, List<String> services, List<String> domains, String severity, String kind) {
    return query(IN_SCOPE, scope, services, domains, severity, kind);
  }

  private Uni<List<Listener>> query(
      String sql,
      String audiences,
      List<String> services,
      List<String> domains,
      String severity,
      String kind) {
    return getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(sql, Object[].class)
                    .setParameter(1, audiences)
                    .setParameter(2, json(domains))
                    .setParameter(3, json(services))
                    .setParameter(4, severity)
                    .setParameter(5, kind)
                    .getResultList())
        .map(
            rows ->
                rows.stream()
                    .map(
                        r -> new Listener((UUID) r[0], (String) r[1], (String) r[2], (String) r[3]))
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
