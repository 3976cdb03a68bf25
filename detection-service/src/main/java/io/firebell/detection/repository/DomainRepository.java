package io.firebell.detection.repository;

import io.firebell.detection.model.Domain;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class DomainRepository implements PanacheRepositoryBase<Domain, String> {}
