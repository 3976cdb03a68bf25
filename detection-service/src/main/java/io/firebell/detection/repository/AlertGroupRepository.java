package io.firebell.detection.repository;

import io.firebell.detection.model.AlertGroup;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class AlertGroupRepository implements PanacheRepositoryBase<AlertGroup, UUID> {}
