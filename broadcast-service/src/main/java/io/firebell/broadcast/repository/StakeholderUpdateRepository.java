package io.firebell.broadcast.repository;

import io.firebell.broadcast.model.StakeholderUpdate;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class StakeholderUpdateRepository
    implements PanacheRepositoryBase<StakeholderUpdate, UUID> {}
