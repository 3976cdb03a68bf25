package io.firebell.broadcast.repository;

import io.firebell.broadcast.model.GlossaryTerm;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class GlossaryTermRepository implements PanacheRepositoryBase<GlossaryTerm, String> {}
