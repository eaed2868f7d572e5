package dev.trawl.query.group;

import dev.trawl.indexer.transcript.TranscriptFields;
import dev.trawl.query.filter.FilterDiagnosis;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.search.IndexSearcher;

/**
 * Why a grouped result did not group: no hit had a value of the {@code group_by} field, so each
 * hit came back as a group of its own. Either no document the caller can see has that field (a
 * typo: {@code "meetings"} for {@code "meeting"}; the notice lists the fields in use), or
 * documents do but none of the results (or only as a list, which does not group).
 *
 * <p>Only what the caller may see counts, as in {@link FilterDiagnosis} (whose field checks this
 * uses): a notice never names a field that only documents hidden from the caller have. Cheap
 * when any hit has the field (no index access); otherwise a few counting queries.
 */
public final class GroupDiagnosis {
  private GroupDiagnosis() {}

  /**
   * A notice when none of the candidates {@code keys} read for {@code page} has a value of the
   * grouping field; empty otherwise, and when the page is empty although visible documents have
   * the field (then the query or filter, not the field, is the cause).
   *
   * @param searcher the snapshot {@code page} was grouped on
   * @param principals the caller's principals, or {@code null} for an unrestricted caller
   * @param keys the group keys {@code page} was grouped with
   * @throws UncheckedIOException if the index cannot be read
   */
  public static List<String> explain(IndexSearcher searcher, Set<String> principals, ResultGrouper.GroupKeys keys,
      GroupedResult<?> page) {
    if (keys.anyValue()) {
      return List.of();
    }
    String field = keys.groupBy().field();
    String shown = "'" + field + "'" + (field.equals(TranscriptFields.MEETING_ID)
        ? " (what group_by \"" + GroupBy.MEETING + "\" groups by)" : "");
    if (!FilterDiagnosis.hasVisibleField(searcher, principals, field)) {
      List<String> names = FilterDiagnosis.visibleFieldNames(searcher, principals);
      List<String> candidates = new ArrayList<>(List.of(GroupBy.MEETING));
      candidates.addAll(names);
      return List.of("no document you can see has the metadata field " + shown + " to group by"
          + FilterDiagnosis.didYouMeanField(field, candidates) + ", so each result is a group of its own; "
          + FilterDiagnosis.fieldsInUse(names));
    }
    if (page.groups().isEmpty()) {
      return List.of();
    }
    return List.of("none of these results has a single value of the metadata field " + shown + " to group by "
        + "(a list of values does not group), so each result is a group of its own");
  }
}
