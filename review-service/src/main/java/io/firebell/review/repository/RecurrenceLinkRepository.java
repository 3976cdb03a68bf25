package io.firebell.review.repository;

import io.firebell.review.model.RecurrenceLink;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class RecurrenceLinkRepository implements PanacheRepositoryBase<RecurrenceLink, UUID> {}
