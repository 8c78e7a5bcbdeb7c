package org.xcaibridge.ihe;

/**
 * ebRIM identifiers of XDS DocumentEntry metadata and stored queries (protocol.md §2.1, §2.2, §2.4;
 * values as in ITI TF-3 §4.2 and IPF {@code Vocabulary}).
 */
public final class XdsVocabulary {
  // Stored query ids (§2.1)
  public static final String FIND_DOCUMENTS = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d";
  public static final String GET_DOCUMENTS = "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4";
  public static final String FIND_DOCUMENTS_BY_REFERENCE_ID = "urn:uuid:12941a89-e02e-4be5-967c-ce4bfc8fe492";

  // DocumentEntry objectType (§2.4)
  public static final String DOC_ENTRY_STABLE = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1";
  public static final String DOC_ENTRY_ON_DEMAND = "urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248";

  // Classification schemes (§2.4)
  public static final String AUTHOR = "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d";
  public static final String CLASS_CODE = "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a";
  public static final String CONFIDENTIALITY_CODE = "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f";
  public static final String EVENT_CODE_LIST = "urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4";
  public static final String FORMAT_CODE = "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d";
  public static final String HEALTHCARE_FACILITY_TYPE_CODE = "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1";
  public static final String PRACTICE_SETTING_CODE = "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead";
  public static final String TYPE_CODE = "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983";
  /** classificationNode of a DocumentEntry with limited metadata. */
  public static final String LIMITED_METADATA = "urn:uuid:ab9b591b-83ab-4d03-8f5d-f93b1fb92e85";

  // External identifier schemes and their names (§2.4)
  public static final String PATIENT_ID = "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427";
  public static final String PATIENT_ID_NAME = "XDSDocumentEntry.patientId";
  public static final String UNIQUE_ID = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab";
  public static final String UNIQUE_ID_NAME = "XDSDocumentEntry.uniqueId";

  // Status and object types
  public static final String STATUS_APPROVED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved";
  public static final String STATUS_DEPRECATED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated";
  public static final String CLASSIFICATION_OBJECT_TYPE =
      "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Classification";
  public static final String EXTERNAL_IDENTIFIER_OBJECT_TYPE =
      "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:ExternalIdentifier";

  // DocumentEntry slot names (§2.4)
  public static final String SLOT_CREATION_TIME = "creationTime";
  public static final String SLOT_LANGUAGE_CODE = "languageCode";
  public static final String SLOT_SERVICE_START_TIME = "serviceStartTime";
  public static final String SLOT_SERVICE_STOP_TIME = "serviceStopTime";
  public static final String SLOT_SOURCE_PATIENT_ID = "sourcePatientId";
  public static final String SLOT_SOURCE_PATIENT_INFO = "sourcePatientInfo";
  public static final String SLOT_HASH = "hash";
  public static final String SLOT_SIZE = "size";
  public static final String SLOT_URI = "URI";
  public static final String SLOT_REPOSITORY_UNIQUE_ID = "repositoryUniqueId";
  public static final String SLOT_LEGAL_AUTHENTICATOR = "legalAuthenticator";
  public static final String SLOT_DOCUMENT_AVAILABILITY = "documentAvailability";
  public static final String SLOT_REFERENCE_ID_LIST = "urn:ihe:iti:xds:2013:referenceIdList";
  public static final String SLOT_CODING_SCHEME = "codingScheme";
  public static final String SLOT_AUTHOR_PERSON = "authorPerson";
  public static final String SLOT_AUTHOR_INSTITUTION = "authorInstitution";
  public static final String SLOT_AUTHOR_ROLE = "authorRole";
  public static final String SLOT_AUTHOR_SPECIALTY = "authorSpecialty";
  public static final String SLOT_AUTHOR_TELECOMMUNICATION = "authorTelecommunication";

  private XdsVocabulary() {}
}
