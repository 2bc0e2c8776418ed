package org.magicsteps.core.domain;

/** What a missing value of a required feature does. */
public enum MissingValues {
    /** The student is refused: the feature is required. What the API does. */
    REFUSE,
    /**
     * The model's training stand-in (the median or mode it was trained with) is used and the
     * answer says so; a feature without a stand-in is still refused. Asked for explicitly, when a
     * flagged guess is worth more than no answer.
     */
    STAND_IN
}
