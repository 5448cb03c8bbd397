package dev.switchboard.proxy.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the known word a misspelt one was probably meant to be, for "did you mean" hints in config errors. */
final class Spelling {
    private Spelling() {
    }

    /**
     * The candidate closest to {@code word} by edit distance, ignoring case, if it is close enough to be a likely
     * typo (at most 2 edits, or a third of the word for long words); the first such candidate on ties.
     */
    static Optional<String> closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, word.length() / 3);
        return best != null && bestDistance <= allowed && bestDistance < word.length()
                ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance, two rows. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
