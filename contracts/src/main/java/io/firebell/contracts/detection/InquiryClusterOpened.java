package io.firebell.contracts.detection;

import io.firebell.contracts.Copies;
import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Enough similar customer-support inquiries arrived within the window to count as a signal: the
 * cluster opened a {@code cs_inquiry} alert group that is routed and paged like an alarm.
 * review-service uses it for the "customers found it first" rate.
 *
 * @param clusterId the cluster; the record key
 * @param alertGroupId the {@code cs_inquiry} alert group it opened
 * @param domain the owning domain
 * @param service the service the inquiries name
 * @param category the inquiry category (e.g. {@code order_failed}, {@code app_error})
 * @param appPlatform the app platform the inquiries share ({@code ios}, {@code android}, {@code
 *     web}…), or null when they were matched on service and category
 * @param appVersion the app version they share, or null as above
 * @param matchedOn {@code service_category} or {@code platform_version}
 * @param inquiryCount inquiries in the cluster when it opened
 * @param inquiryIds those inquiries
 * @param channels the CS channels they came through ({@code phone}, {@code chat}, {@code email}…)
 * @param summary one line for responders
 * @param firstInquiryAt when the earliest inquiry of the cluster was received
 * @param openedAt when the cluster crossed the threshold
 */
public record InquiryClusterOpened(
    UUID clusterId,
    UUID alertGroupId,
    String domain,
    String service,
    String category,
    String appPlatform,
    String appVersion,
    String matchedOn,
    int inquiryCount,
    List<UUID> inquiryIds,
    List<String> channels,
    String summary,
    Instant firstInquiryAt,
    Instant openedAt)
    implements FirebellEvent {

  public InquiryClusterOpened {
    inquiryIds = Copies.list(inquiryIds);
    channels = Copies.list(channels);
  }

  @Override
  public String aggregateId() {
    return clusterId.toString();
  }
}
