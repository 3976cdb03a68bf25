package io.firebell.broadcast.service;

import io.quarkus.qute.TemplateData;
import java.util.List;

/** An update with its incident's facts as the update templates see them. */
@TemplateData
public record UpdateView(
    String reference,
    String severity,
    String services,
    String warRoomUrl,
    String statusLabel,
    String headline,
    String impact,
    String expectedRecovery,
    String nextUpdate,
    List<String> followUps,
    String statusPageUrl) {}
