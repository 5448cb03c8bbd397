package dev.switchboard.proxy.exec;

/**
 * What sessions learn about queries and share: result sizes (which autocommit queries need no implicit transaction)
 * and the costly column details of their results, both bounded (losing an entry costs time, never correctness);
 * and the memory all sessions may use to read streaming results ahead of their clients ({@link ReadAhead}).
 */
public record QueryKnowledge(ResultSizes sizes, KnownColumns columns, ReadAhead readAhead) {
    public QueryKnowledge() {
        this(new ResultSizes(), new KnownColumns(), new ReadAhead());
    }
}
