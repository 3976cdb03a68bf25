package io.firebell.review.repository;

import io.firebell.review.model.DetectionSignal;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class DetectionSignalRepository implements PanacheRepositoryBase<DetectionSignal, UUID> {}
