package io.firebell.broadcast.repository;

import io.firebell.broadcast.model.ReportShare;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class ReportShareRepository implements PanacheRepositoryBase<ReportShare, UUID> {}
