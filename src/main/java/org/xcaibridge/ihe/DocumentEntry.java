package org.xcaibridge.ihe;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An XDS DocumentEntry ({@code rim:ExtrinsicObject}) with every slot, classification and external
 * identifier of protocol.md §2.4. Single-valued parts are null when absent; lists are empty. Slots we do not
 * know are kept in {@link #otherSlots()}. Use {@link #builder(String)} to make one.
 *
 * @param entryUuid the ExtrinsicObject id ({@code urn:uuid:…} in registries, any id in submissions)
 * @param home homeCommunityId of the community holding the entry ({@code urn:oid:…}); some responders send
 *     an unexpected value (§9.2 pitfall 10), so callers may prefer the community they asked
 * @param objectType stable or on-demand; null when the peer sent another objectType
 * @param status Approved/Deprecated; null when absent or unknown
 * @param uniqueId XDSDocumentEntry.uniqueId (the KOS SOP Instance UID for XDS-I manifests)
 * @param repositoryUniqueId the repository holding the document itself: for ITI-39, never for RAD-69/75
 *     (§4.4)
 */
public record DocumentEntry(
    String entryUuid,
    String home,
    DocumentEntryType objectType,
    AvailabilityStatus status,
    String mimeType,
    String lid,
    Cx patientId,
    String uniqueId,
    Code classCode,
    Code typeCode,
    Code formatCode,
    List<Code> confidentialityCodes,
    List<Code> eventCodes,
    Code healthcareFacilityTypeCode,
    Code practiceSettingCode,
    List<Author> authors,
    String creationTime,
    String serviceStartTime,
    String serviceStopTime,
    Cx sourcePatientId,
    List<String> sourcePatientInfo,
    String languageCode,
    Long size,
    String hash,
    String title,
    String comments,
    String repositoryUniqueId,
    String uri,
    String legalAuthenticator,
    String documentAvailability,
    List<ReferenceId> referenceIds,
    List<Slot> otherSlots) {

  public DocumentEntry {
    Objects.requireNonNull(entryUuid, "entryUuid");
    confidentialityCodes = List.copyOf(confidentialityCodes);
    eventCodes = List.copyOf(eventCodes);
    authors = List.copyOf(authors);
    sourcePatientInfo = List.copyOf(sourcePatientInfo);
    referenceIds = List.copyOf(referenceIds);
    otherSlots = List.copyOf(otherSlots);
    if (size != null && size < 0) {
      throw new IllegalArgumentException("size must be ≥ 0, was " + size);
    }
  }

  /** The first referenceIdList value typed Study Instance UID (XDS-I KOS entries carry one, §2.5). */
  public Optional<String> studyInstanceUid() {
    return referenceIds.stream().filter(ReferenceId::isStudyInstanceUid).map(ReferenceId::value).findFirst();
  }

  /** The accession numbers among the referenceIdList values. */
  public List<ReferenceId> accessionNumbers() {
    return referenceIds.stream().filter(ReferenceId::isAccession).toList();
  }

  /** Whether this is an XDS-I.b imaging manifest: application/dicom with the KOS formatCode (§2.4). */
  public boolean isImagingManifest() {
    return "application/dicom".equalsIgnoreCase(mimeType) && formatCode != null
        && Code.KOS_FORMAT.code().equals(formatCode.code());
  }

  public static Builder builder(String entryUuid) {
    return new Builder(entryUuid);
  }

  public Builder toBuilder() {
    Builder b = new Builder(entryUuid);
    b.home = home;
    b.objectType = objectType;
    b.status = status;
    b.mimeType = mimeType;
    b.lid = lid;
    b.patientId = patientId;
    b.uniqueId = uniqueId;
    b.classCode = classCode;
    b.typeCode = typeCode;
    b.formatCode = formatCode;
    b.confidentialityCodes.addAll(confidentialityCodes);
    b.eventCodes.addAll(eventCodes);
    b.healthcareFacilityTypeCode = healthcareFacilityTypeCode;
    b.practiceSettingCode = practiceSettingCode;
    b.authors.addAll(authors);
    b.creationTime = creationTime;
    b.serviceStartTime = serviceStartTime;
    b.serviceStopTime = serviceStopTime;
    b.sourcePatientId = sourcePatientId;
    b.sourcePatientInfo.addAll(sourcePatientInfo);
    b.languageCode = languageCode;
    b.size = size;
    b.hash = hash;
    b.title = title;
    b.comments = comments;
    b.repositoryUniqueId = repositoryUniqueId;
    b.uri = uri;
    b.legalAuthenticator = legalAuthenticator;
    b.documentAvailability = documentAvailability;
    b.referenceIds.addAll(referenceIds);
    b.otherSlots.addAll(otherSlots);
    return b;
  }

  /** Mutable builder; fields are package-visible so the reader can fill them directly. */
  public static final class Builder {
    final String entryUuid;
    String home;
    DocumentEntryType objectType = DocumentEntryType.STABLE;
    AvailabilityStatus status = AvailabilityStatus.APPROVED;
    String mimeType;
    String lid;
    Cx patientId;
    String uniqueId;
    Code classCode;
    Code typeCode;
    Code formatCode;
    final List<Code> confidentialityCodes = new ArrayList<>();
    final List<Code> eventCodes = new ArrayList<>();
    Code healthcareFacilityTypeCode;
    Code practiceSettingCode;
    final List<Author> authors = new ArrayList<>();
    String creationTime;
    String serviceStartTime;
    String serviceStopTime;
    Cx sourcePatientId;
    final List<String> sourcePatientInfo = new ArrayList<>();
    String languageCode;
    Long size;
    String hash;
    String title;
    String comments;
    String repositoryUniqueId;
    String uri;
    String legalAuthenticator;
    String documentAvailability;
    final List<ReferenceId> referenceIds = new ArrayList<>();
    final List<Slot> otherSlots = new ArrayList<>();

    private Builder(String entryUuid) {
      this.entryUuid = Objects.requireNonNull(entryUuid, "entryUuid");
    }

    public Builder home(String v) { home = v; return this; }
    public Builder objectType(DocumentEntryType v) { objectType = v; return this; }
    public Builder status(AvailabilityStatus v) { status = v; return this; }
    public Builder mimeType(String v) { mimeType = v; return this; }
    public Builder lid(String v) { lid = v; return this; }
    public Builder patientId(Cx v) { patientId = v; return this; }
    public Builder uniqueId(String v) { uniqueId = v; return this; }
    public Builder classCode(Code v) { classCode = v; return this; }
    public Builder typeCode(Code v) { typeCode = v; return this; }
    public Builder formatCode(Code v) { formatCode = v; return this; }
    public Builder confidentialityCode(Code v) { confidentialityCodes.add(v); return this; }
    public Builder eventCode(Code v) { eventCodes.add(v); return this; }
    public Builder healthcareFacilityTypeCode(Code v) { healthcareFacilityTypeCode = v; return this; }
    public Builder practiceSettingCode(Code v) { practiceSettingCode = v; return this; }
    public Builder author(Author v) { authors.add(v); return this; }
    public Builder creationTime(String v) { creationTime = v; return this; }
    public Builder serviceStartTime(String v) { serviceStartTime = v; return this; }
    public Builder serviceStopTime(String v) { serviceStopTime = v; return this; }
    public Builder sourcePatientId(Cx v) { sourcePatientId = v; return this; }
    public Builder sourcePatientInfo(String pidField) { sourcePatientInfo.add(pidField); return this; }
    public Builder languageCode(String v) { languageCode = v; return this; }
    public Builder size(Long v) { size = v; return this; }
    public Builder hash(String v) { hash = v; return this; }
    public Builder title(String v) { title = v; return this; }
    public Builder comments(String v) { comments = v; return this; }
    public Builder repositoryUniqueId(String v) { repositoryUniqueId = v; return this; }
    public Builder uri(String v) { uri = v; return this; }
    public Builder legalAuthenticator(String v) { legalAuthenticator = v; return this; }
    public Builder documentAvailability(String v) { documentAvailability = v; return this; }
    public Builder referenceId(ReferenceId v) { referenceIds.add(v); return this; }
    public Builder otherSlot(Slot v) { otherSlots.add(v); return this; }

    public DocumentEntry build() {
      return new DocumentEntry(entryUuid, home, objectType, status, mimeType, lid, patientId, uniqueId, classCode,
          typeCode, formatCode, confidentialityCodes, eventCodes, healthcareFacilityTypeCode, practiceSettingCode,
          authors, creationTime, serviceStartTime, serviceStopTime, sourcePatientId, sourcePatientInfo,
          languageCode, size, hash, title, comments, repositoryUniqueId, uri, legalAuthenticator,
          documentAvailability, referenceIds, otherSlots);
    }
  }
}
