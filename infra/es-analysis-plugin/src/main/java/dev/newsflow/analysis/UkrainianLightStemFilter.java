package dev.newsflow.analysis;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;

import java.io.IOException;

/**
 * A light Ukrainian stemmer: strips one inflectional ending of nouns and adjectives (the case
 * and number endings news text is full of: Путін, Путіна, Путіну, Путіним).
 *
 * Lucene's only Ukrainian analyzer is the dictionary-based one in analysis-morfologik, which is
 * not published for the server's Lucene (10.5.1) and needs a multi-megabyte dictionary; a suffix
 * stripper in the style of Lucene's RussianLightStemmer covers the inflection of proper names,
 * which a dictionary would not know anyway. It does not touch verb conjugation.
 */
final class UkrainianLightStemFilter extends TokenFilter {
    /** Longest first, so that "ами" wins over "и". */
    private static final String[] ENDINGS = {
        "ями", "ами", "ого", "ому", "ими", "іми", "ові", "еві", "єві", "ій", "ий", "ої", "ою", "ею", "єю",
        "ім", "им", "ом", "ем", "єм", "ів", "їв", "ах", "ях", "ам", "ям", "ую", "юю", "а", "я", "у", "ю",
        "і", "ї", "и", "е", "є", "о", "ь", "й" };
    /** Shorter stems are too ambiguous to cut ("має", "ніж"). */
    private static final int MIN_STEM = 3;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

    UkrainianLightStemFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) return false;
        if (keyword.isKeyword()) return true;
        term.setLength(stem(term.buffer(), term.length()));
        return true;
    }

    static int stem(char[] s, int len) {
        for (String ending : ENDINGS) {
            int cut = len - ending.length();
            if (cut >= MIN_STEM && endsWith(s, len, ending)) return cut;
        }
        return len;
    }

    private static boolean endsWith(char[] s, int len, String ending) {
        int start = len - ending.length();
        for (int i = 0; i < ending.length(); i++) {
            if (s[start + i] != ending.charAt(i)) return false;
        }
        return true;
    }
}
