package org.xcaibridge.ihe;

import java.util.List;
import java.util.Objects;

/**
 * {@code queryByParameter} of PRPA_IN201305UV02: the query id and the parameterList (protocol.md §6.1).
 *
 * @param livingSubjectIds known identifiers of the patient (livingSubjectId), may be empty
 * @param minimumDegreeMatch matchCriterionList/minimumDegreeMatch, null when absent
 */
public record PatientQuery(Ii queryId, Demographics demographics, List<Ii> livingSubjectIds,
    Integer minimumDegreeMatch) {
  public PatientQuery {
    Objects.requireNonNull(queryId, "queryId");
    Objects.requireNonNull(demographics, "demographics");
    livingSubjectIds = List.copyOf(livingSubjectIds);
  }
}
