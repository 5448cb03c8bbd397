package dev.switchboard.protocol.scram;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Arrays;

/**
 * Prepares a password the way PostgreSQL does ({@code pg_saslprep} in {@code src/common/saslprep.c}), so that a
 * verifier copied from {@code pg_authid} accepts the same passwords here. That is SASLprep (RFC 4013, the stringprep
 * profile of RFC 3454) with PostgreSQL's deviations:
 * <ul>
 *   <li>a pure ASCII password is used as it is, control characters included;</li>
 *   <li>the prohibited, unassigned and bidi checks look at the mapped input, not at the NFKC output;</li>
 *   <li>when SASLprep fails (a prohibited or unassigned code point, a bidi violation, a password that maps to
 *       nothing, or a string that is not valid UTF-16) the raw password is used instead of failing.</li>
 * </ul>
 * The mapping (RFC 3454 tables B.1 and C.1.2) and prohibited (C.1.2 to C.9) tables are small and written out below.
 * Table A.1, "unassigned in Unicode 3.2", is large; the JDK already carries it for IDNA 2003, so
 * {@link #unassignedInUnicode32} asks {@link IDN} rather than copying 400 ranges. NFKC and the bidi categories come
 * from the JDK's current Unicode tables; NFKC is stable across Unicode versions for assigned characters, and the
 * bidi category of characters assigned in Unicode 3.2 has practically not changed.
 *
 * <p>Stateless and thread-safe.
 */
final class SaslPrep {
    private SaslPrep() {}

    /**
     * The prepared form of {@code password}: a new array, which the caller should clear after use. A non-ASCII
     * password that SASLprep accepts passes through {@link Normalizer}, which makes a {@code String} that cannot be
     * cleared; ASCII passwords, the common case, never become a {@code String}.
     */
    static char[] prepare(char[] password) {
        if (isAscii(password)) return password.clone();
        int[] mapped = map(password);
        if (mapped == null || mapped.length == 0 || !allowed(mapped)) return password.clone();
        String normalized = Normalizer.normalize(new String(mapped, 0, mapped.length), Normalizer.Form.NFKC);
        Arrays.fill(mapped, 0);
        return normalized.toCharArray();
    }

    private static boolean isAscii(char[] chars) {
        for (char c : chars) {
            if (c >= 0x80) return false;
        }
        return true;
    }

    /** Step 1: non-ASCII spaces become U+0020, "commonly mapped to nothing" goes. Null if not valid UTF-16. */
    private static int[] map(char[] chars) {
        int[] out = new int[chars.length];
        int n = 0;
        for (int i = 0; i < chars.length; i++) {
            int cp = chars[i];
            if (Character.isHighSurrogate(chars[i]) && i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
                cp = Character.toCodePoint(chars[i], chars[++i]);
            } else if (Character.isSurrogate(chars[i])) {
                Arrays.fill(out, 0);
                return null;   // unpaired surrogate: PostgreSQL would see invalid UTF-8
            }
            if (isNonAsciiSpace(cp)) out[n++] = ' ';
            else if (!isMappedToNothing(cp)) out[n++] = cp;
        }
        int[] mapped = Arrays.copyOf(out, n);
        Arrays.fill(out, 0);
        return mapped;
    }

    /** Steps 3 and 4: no prohibited or unassigned code point, and RFC 3454 section 6 for right-to-left text. */
    private static boolean allowed(int[] cps) {
        boolean anyRandAL = false;
        boolean anyL = false;
        for (int cp : cps) {
            if (isProhibited(cp) || unassignedInUnicode32(cp)) return false;
            anyRandAL |= isRandAL(cp);
            anyL |= Character.getDirectionality(cp) == Character.DIRECTIONALITY_LEFT_TO_RIGHT;
        }
        return !anyRandAL || (!anyL && isRandAL(cps[0]) && isRandAL(cps[cps.length - 1]));
    }

    /** RFC 3454 C.1.2. */
    private static boolean isNonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    /** RFC 3454 B.1. */
    private static boolean isMappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
    }

    /** RFC 4013 section 2.3: RFC 3454 tables C.1.2 and C.2.1 to C.9. */
    private static boolean isProhibited(int cp) {
        return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)                               // C.2.1, C.2.2 controls
                || isNonAsciiSpace(cp)                                                 // C.1.2
                || cp == 0x06DD || cp == 0x070F || cp == 0x180E || cp == 0x200C || cp == 0x200D
                || cp == 0x2028 || cp == 0x2029 || (cp >= 0x2060 && cp <= 0x2063) || cp == 0xFEFF
                || (cp >= 0xFFF9 && cp <= 0xFFFC) || (cp >= 0x1D173 && cp <= 0x1D17A)  // C.2.2 the rest
                || (cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000                     // C.3 private use
                || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE           // C.4 non-characters
                || (cp >= 0xD800 && cp <= 0xDFFF)                                      // C.5 surrogates
                || (cp >= 0xFFF9 && cp <= 0xFFFD)                                      // C.6
                || (cp >= 0x2FF0 && cp <= 0x2FFB)                                      // C.7
                || cp == 0x0340 || cp == 0x0341 || cp == 0x200E || cp == 0x200F        // C.8
                || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x206A && cp <= 0x206F)
                || cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F);                  // C.9
    }

    /**
     * RFC 3454 A.1: no character was assigned to {@code cp} in Unicode 3.2. IDNA 2003 nameprep ({@link IDN}, RFC 3491)
     * uses Unicode 3.2 and refuses exactly those code points unless {@link IDN#ALLOW_UNASSIGNED} is set, so a code
     * point that only the flag lets through is unassigned. Whatever else nameprep refuses is refused both ways, and is
     * SASLprep-prohibited anyway (checked first).
     */
    static boolean unassignedInUnicode32(int cp) {
        String s = Character.toString(cp);
        try {
            IDN.toASCII(s);
            return false;
        } catch (IllegalArgumentException refused) {
            try {
                IDN.toASCII(s, IDN.ALLOW_UNASSIGNED);
                return true;
            } catch (IllegalArgumentException refusedAnyway) {
                return false;
            }
        }
    }

    /** RFC 3454 D.1: bidi category R or AL. */
    private static boolean isRandAL(int cp) {
        byte d = Character.getDirectionality(cp);
        return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }
}
