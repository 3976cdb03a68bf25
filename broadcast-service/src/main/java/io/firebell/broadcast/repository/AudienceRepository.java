package io.firebell.broadcast.repository;

import io.firebell.broadcast.model.Audience;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class AudienceRepository implements PanacheRepositoryBase<Audience, String> {}
