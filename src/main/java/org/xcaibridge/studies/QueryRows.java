package org.xcaibridge.studies;

import java.util.List;
import org.xcaibridge.dicom.Dataset;

/**
 * The answer to a study, series or instance query: one {@link Dataset} per row with the attributes of that
 * level (PS3.18 Tables 10.6.3-3/4/5, RetrieveURL left to the front), unfiltered beyond what the communities
 * filtered (the front applies QIDO matching, PS3.4 C.2.2.2), and what is known to be incomplete.
 *
 * @param rows              in a stable order
 * @param failures          communities that did not answer; their studies are missing from {@code rows}
 * @param missingAttributes keywords of attributes that some rows lack because the instances that would give
 *                          them could not be read within the time allowed; empty when every row is complete
 */
public record QueryRows(List<Dataset> rows, List<CommunityProblem> failures, List<String> missingAttributes) {
  public QueryRows {
    rows = List.copyOf(rows);
    failures = List.copyOf(failures);
    missingAttributes = List.copyOf(missingAttributes);
  }

  public boolean complete() {
    return failures.isEmpty() && missingAttributes.isEmpty();
  }
}
