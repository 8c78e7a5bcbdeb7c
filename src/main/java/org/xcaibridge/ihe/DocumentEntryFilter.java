package org.xcaibridge.ihe;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The DocumentEntry parameters shared by FindDocuments and FindDocumentsByReferenceId (ITI TF-2a 3.18.4.1.2.3.7;
 * names in protocol.md §2.2). Codes within one list are alternatives (OR) and carry no display name. Times are HL7 DTM prefixes
 * ({@code YYYY[MM[DD[hh[mm[ss]]]]]}); null means "no bound".
 *
 * @param statuses required by both queries; at least one
 */
public record DocumentEntryFilter(
    List<AvailabilityStatus> statuses,
    List<Code> classCodes,
    List<Code> typeCodes,
    List<Code> practiceSettingCodes,
    List<Code> healthcareFacilityTypeCodes,
    List<Code> eventCodes,
    List<Code> confidentialityCodes,
    List<Code> formatCodes,
    String creationTimeFrom,
    String creationTimeTo,
    String serviceStartTimeFrom,
    String serviceStartTimeTo,
    String serviceStopTimeFrom,
    String serviceStopTimeTo,
    List<String> authorPersons,
    List<DocumentEntryType> entryTypes) {

  private static final Pattern DTM = Pattern.compile("\\d{4}(\\d{2}){0,5}");

  public DocumentEntryFilter {
    statuses = List.copyOf(statuses);
    if (statuses.isEmpty()) {
      throw new IllegalArgumentException("at least one availability status is required");
    }
    classCodes = bare(classCodes);
    typeCodes = bare(typeCodes);
    practiceSettingCodes = bare(practiceSettingCodes);
    healthcareFacilityTypeCodes = bare(healthcareFacilityTypeCodes);
    eventCodes = bare(eventCodes);
    confidentialityCodes = bare(confidentialityCodes);
    formatCodes = bare(formatCodes);
    authorPersons = List.copyOf(authorPersons);
    entryTypes = List.copyOf(entryTypes);
    for (String t : new String[] {creationTimeFrom, creationTimeTo, serviceStartTimeFrom, serviceStartTimeTo,
        serviceStopTimeFrom, serviceStopTimeTo}) {
      if (t != null && !DTM.matcher(t).matches()) {
        throw new IllegalArgumentException("not an HL7 DTM time (YYYY[MM[DD[hh[mm[ss]]]]]): " + t);
      }
    }
  }

  /** Query parameters carry {@code code^^scheme} only: display names are dropped so the model says what is sent. */
  private static List<Code> bare(List<Code> codes) {
    return codes.stream().map(Code::withoutDisplay).toList();
  }

  /** Approved entries only, no other filter. */
  public static DocumentEntryFilter approved() {
    return builder().build();
  }

  /** Approved KOS manifests: formatCode {@link Code#KOS_FORMAT} (protocol.md §2.2 imaging filter). */
  public static DocumentEntryFilter approvedImagingManifests() {
    return builder().formatCodes(List.of(Code.KOS_FORMAT)).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a filter; starts with statuses = [Approved] and everything else empty. */
  public static final class Builder {
    private List<AvailabilityStatus> statuses = List.of(AvailabilityStatus.APPROVED);
    private List<Code> classCodes = List.of();
    private List<Code> typeCodes = List.of();
    private List<Code> practiceSettingCodes = List.of();
    private List<Code> healthcareFacilityTypeCodes = List.of();
    private List<Code> eventCodes = List.of();
    private List<Code> confidentialityCodes = List.of();
    private List<Code> formatCodes = List.of();
    private final String[] times = new String[6];
    private List<String> authorPersons = List.of();
    private List<DocumentEntryType> entryTypes = List.of();

    private Builder() {}

    public Builder statuses(List<AvailabilityStatus> v) {
      statuses = new ArrayList<>(v);
      return this;
    }

    public Builder classCodes(List<Code> v) {
      classCodes = Objects.requireNonNull(v);
      return this;
    }

    public Builder typeCodes(List<Code> v) {
      typeCodes = Objects.requireNonNull(v);
      return this;
    }

    public Builder practiceSettingCodes(List<Code> v) {
      practiceSettingCodes = Objects.requireNonNull(v);
      return this;
    }

    public Builder healthcareFacilityTypeCodes(List<Code> v) {
      healthcareFacilityTypeCodes = Objects.requireNonNull(v);
      return this;
    }

    public Builder eventCodes(List<Code> v) {
      eventCodes = Objects.requireNonNull(v);
      return this;
    }

    public Builder confidentialityCodes(List<Code> v) {
      confidentialityCodes = Objects.requireNonNull(v);
      return this;
    }

    public Builder formatCodes(List<Code> v) {
      formatCodes = Objects.requireNonNull(v);
      return this;
    }

    public Builder creationTime(String from, String to) {
      times[0] = from;
      times[1] = to;
      return this;
    }

    public Builder serviceStartTime(String from, String to) {
      times[2] = from;
      times[3] = to;
      return this;
    }

    public Builder serviceStopTime(String from, String to) {
      times[4] = from;
      times[5] = to;
      return this;
    }

    public Builder authorPersons(List<String> v) {
      authorPersons = Objects.requireNonNull(v);
      return this;
    }

    public Builder entryTypes(List<DocumentEntryType> v) {
      entryTypes = Objects.requireNonNull(v);
      return this;
    }

    public DocumentEntryFilter build() {
      return new DocumentEntryFilter(statuses, classCodes, typeCodes, practiceSettingCodes,
          healthcareFacilityTypeCodes, eventCodes, confidentialityCodes, formatCodes, times[0], times[1], times[2],
          times[3], times[4], times[5], authorPersons, entryTypes);
    }
  }
}
