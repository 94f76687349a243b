package io.tagwatch.geo;

import java.util.Set;
import java.util.TreeSet;

/**
 * Flag emoji: a pair of regional indicator symbols spells an ISO code (🇩🇪 = D E); England, Scotland
 * and Wales have tag sequences (🏴 + "gbeng" in tag letters + cancel tag), all of them GB.
 */
final class Flags {

    private static final int REGIONAL_A = 0x1F1E6;
    private static final int REGIONAL_Z = 0x1F1FF;
    private static final int BLACK_FLAG = 0x1F3F4;
    private static final int TAG_A = 0xE0061;
    private static final int TAG_Z = 0xE007A;
    private static final int CANCEL_TAG = 0xE007F;

    private Flags() {
    }

    /** The countries of the flags in the text; an invalid pair (🇽🇽) names none. */
    static Set<String> countries(String text, Set<String> isoCodes) {
        Set<String> found = new TreeSet<>();
        int[] cps = text.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            if (isRegional(cps[i]) && i + 1 < cps.length && isRegional(cps[i + 1])) {
                String code = "" + (char) ('A' + cps[i] - REGIONAL_A) + (char) ('A' + cps[i + 1] - REGIONAL_A);
                if (isoCodes.contains(code)) {
                    found.add(code);
                }
                i++;
            } else if (cps[i] == BLACK_FLAG && i + 2 < cps.length && cps[i + 1] == TAG_A + ('g' - 'a')
                    && cps[i + 2] == TAG_A + ('b' - 'a')) {
                found.add("GB");
            }
        }
        return found;
    }

    /** The text without regional indicators and tag characters, so flags do not glue words together. */
    static String strip(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            boolean flagPart = isRegional(cp) || (cp >= TAG_A && cp <= TAG_Z) || cp == CANCEL_TAG || cp == BLACK_FLAG;
            out.appendCodePoint(flagPart ? ' ' : cp);
        });
        return out.toString();
    }

    private static boolean isRegional(int cp) {
        return cp >= REGIONAL_A && cp <= REGIONAL_Z;
    }
}
