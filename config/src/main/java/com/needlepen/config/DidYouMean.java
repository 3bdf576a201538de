package com.needlepen.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Suggests the allowed key a misspelt key was probably meant to be (Levenshtein distance). */
final class DidYouMean {

    private DidYouMean() {
    }

    /**
     * The allowed key closest to {@code key}, if it is close enough to be a likely typo: at most
     * a third of the key's length in edits (at least 1, at most 3), so {@code sprngRateNPerMm}
     * finds {@code springRateNPerMm} but {@code foo} does not find {@code loop}. Case is ignored
     * when measuring, since a wrong capital is the commonest slip in camelCase keys.
     */
    static Optional<String> closest(String key, List<String> allowed) {
        int limit = Math.max(1, Math.min(3, key.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = distance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= limit ? Optional.ofNullable(best) : Optional.empty();
    }

    /** The reason text for an unknown key: a suggestion, or the whole list when nothing is close. */
    static String unknownKey(String key, List<String> allowed) {
        return closest(key, allowed)
                .map(s -> "unknown key; did you mean '" + s + "'?")
                .orElseGet(() -> "unknown key; allowed keys here: " + String.join(", ", allowed));
    }

    /** Levenshtein edit distance: insertions, deletions and substitutions each cost 1. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
