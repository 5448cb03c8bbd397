package dev.switchboard.protocol.message;

/**
 * A frame the server sends. Final answers end a request: {@link AuthChallenge}, {@link Ready}, {@link Switched},
 * {@link ResultEnd}, {@link Suspended}, {@link BatchResult}, {@link Ok}, {@link ServerError}. The others
 * ({@link ResultHeader}, {@link RowBatch}, {@link Warning}) come before a final answer; {@link GoAway} may come
 * at any time between answers.
 */
public sealed interface ServerMessage
        permits AuthChallenge, Ready, Switched, ResultHeader, RowBatch, ResultEnd, Suspended, BatchResult, Ok, Warning,
        ServerError, GoAway {

    /** True for the frames that end a request (SPEC.md §4). */
    default boolean isFinal() {
        return switch (this) {
            case AuthChallenge a -> true;
            case Ready r -> true;
            case Switched s -> true;
            case ResultEnd e -> true;
            case Suspended s -> true;
            case BatchResult b -> true;
            case Ok o -> true;
            case ServerError e -> true;
            case ResultHeader h -> false;
            case RowBatch b -> false;
            case Warning w -> false;
            case GoAway g -> false;
        };
    }
}
