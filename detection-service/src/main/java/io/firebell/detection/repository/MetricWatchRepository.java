package io.firebell.detection.repository;

import io.firebell.detection.model.MetricWatch;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class MetricWatchRepository implements PanacheRepositoryBase<MetricWatch, UUID> {}
