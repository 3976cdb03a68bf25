package io.firebell.detection.repository;

import io.firebell.detection.model.Route;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class RouteRepository implements PanacheRepositoryBase<Route, UUID> {}
