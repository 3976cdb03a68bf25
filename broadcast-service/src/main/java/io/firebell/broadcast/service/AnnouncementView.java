package io.firebell.broadcast.service;

import io.quarkus.qute.TemplateData;

/** The facts of a fire alarm as the announcement templates see them (times already formatted). */
@TemplateData
public record AnnouncementView(
    String reference,
    String title,
    String severity,
    String declared,
    String occurred,
    String impactScope,
    String services,
    String domains,
    String areas,
    String warRoomUrl) {}
