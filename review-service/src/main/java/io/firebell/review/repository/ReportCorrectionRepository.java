package io.firebell.review.repository;

import io.firebell.review.model.ReportCorrection;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class ReportCorrectionRepository implements PanacheRepositoryBase<ReportCorrection, UUID> {}
