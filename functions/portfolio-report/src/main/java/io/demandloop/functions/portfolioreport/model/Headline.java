package io.demandloop.functions.portfolioreport.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What needs a decision since the previous report: one sentence per item, each linking down to the item it is
 * about by its anchor.
 *
 * @param since the as-of instant of the previous report; null for the first report (then everything is new)
 * @param items new demands, re-tiered demands, outcomes measured, teams whose support load passed the flag, in that
 *              order, and within each kind in the order of the section they link to
 */
@JsonPropertyOrder({"since", "items"})
public record Headline(@JsonInclude(JsonInclude.Include.ALWAYS) Instant since, List<Item> items) {

    public Headline {
        items = List.copyOf(items);
    }

    /** The kinds of headline item, in the order the headline lists them. */
    public enum Kind {
        /** A demand first raised after the previous report. */
        NEW_DEMAND("new-demand"),
        /** A demand whose tier changed after the previous report. */
        RE_TIERED_DEMAND("re-tiered-demand"),
        /** An initiative whose outcome was measured after the previous report. */
        OUTCOME_MEASURED("outcome-measured"),
        /** A team whose support load is at or above the flag share of its capacity. */
        TEAM_OVER_FLAG("team-over-flag");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return wireName;
        }
    }

    /**
     * One thing to decide.
     *
     * @param kind     what kind of item
     * @param sentence the sentence a reader reads, plain text (renderers escape it)
     * @param anchor   the anchor id of the entry it links down to ({@link Anchors})
     */
    @JsonPropertyOrder({"kind", "sentence", "anchor"})
    public record Item(Kind kind, String sentence, String anchor) {
        public Item {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(sentence, "sentence");
            Objects.requireNonNull(anchor, "anchor");
        }
    }
}
