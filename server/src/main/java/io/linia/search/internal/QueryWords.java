package io.linia.search.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a typed query becomes words, and the word forms PostgreSQL's Snowball stemmers miss. Pure.
 *
 * <p>Words are runs of letters and digits, lower-cased, {@code ё} read as {@code е}; at most
 * {@link #MAX_WORDS}, each at most 40 characters. Russian nouns in {@code -ка} with a fleeting vowel
 * ({@code заявка → заявок}, {@code сумка → сумок}, {@code ручка → ручек}) are stemmed by Snowball
 * to {@code заявк} in every form but the genitive plural, which stays {@code заявок}; so a word
 * ending in consonant + {@code ок/ек/ёк} also gets the alternative without the vowel
 * ({@code заявк}), which the Russian configuration leaves as it is and which then meets every
 * other form.
 */
public final class QueryWords {

    public static final int MAX_WORDS = 10;
    private static final Pattern SPLIT = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern FLEETING = Pattern.compile(".*[бвгджзклмнпрстфхцчшщ][оеё]к");

    private QueryWords() {
    }

    /** The query's words, in order, without repeats. */
    public static List<String> split(String query) {
        Set<String> words = new LinkedHashSet<>();
        for (String w : SPLIT.split(query.toLowerCase(Locale.ROOT).replace('ё', 'е'))) {
            if (!w.isEmpty() && words.size() < MAX_WORDS) {
                words.add(w.length() > 40 ? w.substring(0, 40) : w);
            }
        }
        return new ArrayList<>(words);
    }

    /** Other forms of {@code word} to search along with it (see the class comment); none for most words. */
    public static List<String> forms(String word) {
        if (word.length() >= 5 && FLEETING.matcher(word).matches()) {
            return List.of(word.substring(0, word.length() - 2) + "к");
        }
        return List.of();
    }

    /** Whether the word may be corrected against the vocabulary: long enough for trigrams to mean something, not a number. */
    public static boolean correctable(String word) {
        return word.length() >= 4 && !word.chars().allMatch(Character::isDigit);
    }
}
