package org.xcaibridge.trust;

import org.xcaibridge.trust.AuditMessage.CodedValue;

/**
 * The coded values the bridge's audit messages use: DICOM (code system "DCM", PS3.16 CID 400–405), IHE
 * transaction codes (code system "IHE Transactions", ITI TF-2 §3.38.5, §3.39.5, §3.55.5; RAD TF-3 §4.69, §4.75)
 * and the RFC 3881 participant object id types that DICOM keeps.
 */
public final class AuditCodes {
  private AuditCodes() {}

  // EventID (CID 400 Audit Event ID)
  public static final CodedValue APPLICATION_ACTIVITY = dcm("110100", "Application Activity");
  public static final CodedValue EXPORT = dcm("110106", "Export");
  public static final CodedValue IMPORT = dcm("110107", "Import");
  public static final CodedValue QUERY = dcm("110112", "Query");
  public static final CodedValue SECURITY_ALERT = dcm("110113", "Security Alert");
  public static final CodedValue USER_AUTHENTICATION = dcm("110114", "User Authentication");

  // EventTypeCode (CID 401 Audit Event Type Code)
  public static final CodedValue APPLICATION_START = dcm("110120", "Application Start");
  public static final CodedValue APPLICATION_STOP = dcm("110121", "Application Stop");
  public static final CodedValue LOGIN = dcm("110122", "Login");
  public static final CodedValue NODE_AUTHENTICATION = dcm("110126", "Node Authentication");

  // EventTypeCode: the IHE transaction that caused the event
  public static final CodedValue ITI_38 = ihe("ITI-38", "Cross Gateway Query");
  public static final CodedValue ITI_39 = ihe("ITI-39", "Cross Gateway Retrieve");
  public static final CodedValue ITI_55 = ihe("ITI-55", "Cross Gateway Patient Discovery");
  public static final CodedValue RAD_69 = ihe("RAD-69", "Retrieve Imaging Document Set");
  public static final CodedValue RAD_75 = ihe("RAD-75", "Cross Gateway Retrieve Imaging Document Set");

  // RoleIDCode (CID 402 Audit Active Participant Role ID Code)
  public static final CodedValue APPLICATION = dcm("110150", "Application");
  public static final CodedValue APPLICATION_LAUNCHER = dcm("110151", "Application Launcher");
  public static final CodedValue DESTINATION = dcm("110152", "Destination Role ID");
  public static final CodedValue SOURCE = dcm("110153", "Source Role ID");

  // ParticipantObjectIDTypeCode
  public static final CodedValue PATIENT_NUMBER = new CodedValue("2", "RFC-3881", "Patient Number");
  public static final CodedValue REPORT_NUMBER = new CodedValue("9", "RFC-3881", "Report Number");
  public static final CodedValue STUDY_INSTANCE_UID = dcm("110180", "Study Instance UID");

  /**
   * AuditSourceTypeCode 4, "Application Server process tier in a multi-tier system" (PS3.15 A.5.1.2.1): what
   * a gateway is.
   */
  public static final CodedValue APPLICATION_SERVER_PROCESS =
      new CodedValue("4", "DCM", "Application Server Process");

  /** ParticipantObjectDetail types named by ITI TF-2 for the cross-community transactions. */
  public static final String DETAIL_QUERY_ENCODING = "QueryEncoding";
  public static final String DETAIL_XCA_HOME_COMMUNITY_ID = "urn:ihe:iti:xca:2010:homeCommunityId";
  public static final String DETAIL_HOME_COMMUNITY_ID = "ihe:homeCommunityID";
  public static final String DETAIL_REPOSITORY_UNIQUE_ID = "Repository Unique Id";

  /** The UserID of a requester whose wsa:ReplyTo is absent or anonymous (ITI TF-2 §3.38.5). */
  public static final String ANONYMOUS_REPLY_TO = "http://www.w3.org/2005/08/addressing/anonymous";

  private static CodedValue dcm(String code, String meaning) {
    return new CodedValue(code, "DCM", meaning);
  }

  private static CodedValue ihe(String code, String meaning) {
    return new CodedValue(code, "IHE Transactions", meaning);
  }
}
