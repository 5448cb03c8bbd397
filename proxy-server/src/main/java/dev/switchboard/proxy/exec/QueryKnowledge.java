package dev.switchboard.proxy.exec;

/**
 * What sessions learn about queries and share: result sizes (which autocommit queries need no implicit transaction)
 * and the costly column details of their results. Both bounded; losing an entry costs time, never correctness.
 */
public record QueryKnowledge(ResultSizes sizes, KnownColumns columns) {
    public QueryKnowledge() {
        this(new ResultSizes(), new KnownColumns());
    }
}
