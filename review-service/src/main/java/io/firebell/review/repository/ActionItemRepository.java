package io.firebell.review.repository;

import io.firebell.review.model.ActionItem;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class ActionItemRepository implements PanacheRepositoryBase<ActionItem, UUID> {}
