package dev.newsflow.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.bg.BulgarianAnalyzer;
import org.apache.lucene.analysis.bg.BulgarianStemFilter;
import org.apache.lucene.analysis.bn.BengaliAnalyzer;
import org.apache.lucene.analysis.bn.BengaliNormalizationFilter;
import org.apache.lucene.analysis.bn.BengaliStemFilter;
import org.apache.lucene.analysis.ca.CatalanAnalyzer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.ckb.SoraniAnalyzer;
import org.apache.lucene.analysis.ckb.SoraniNormalizationFilter;
import org.apache.lucene.analysis.ckb.SoraniStemFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.cz.CzechAnalyzer;
import org.apache.lucene.analysis.cz.CzechStemFilter;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.el.GreekAnalyzer;
import org.apache.lucene.analysis.el.GreekLowerCaseFilter;
import org.apache.lucene.analysis.el.GreekStemFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.et.EstonianAnalyzer;
import org.apache.lucene.analysis.eu.BasqueAnalyzer;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.analysis.fa.PersianCharFilter;
import org.apache.lucene.analysis.fa.PersianNormalizationFilter;
import org.apache.lucene.analysis.fa.PersianStemFilter;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.ga.IrishAnalyzer;
import org.apache.lucene.analysis.ga.IrishLowerCaseFilter;
import org.apache.lucene.analysis.gl.GalicianAnalyzer;
import org.apache.lucene.analysis.gl.GalicianStemFilter;
import org.apache.lucene.analysis.hi.HindiAnalyzer;
import org.apache.lucene.analysis.hi.HindiNormalizationFilter;
import org.apache.lucene.analysis.hi.HindiStemFilter;
import org.apache.lucene.analysis.hu.HungarianAnalyzer;
import org.apache.lucene.analysis.hy.ArmenianAnalyzer;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.id.IndonesianStemFilter;
import org.apache.lucene.analysis.in.IndicNormalizationFilter;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.lt.LithuanianAnalyzer;
import org.apache.lucene.analysis.lv.LatvianAnalyzer;
import org.apache.lucene.analysis.lv.LatvianStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ne.NepaliAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.pl.PolishAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.ro.RomanianAnalyzer;
import org.apache.lucene.analysis.ro.RomanianNormalizationFilter;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.sr.SerbianAnalyzer;
import org.apache.lucene.analysis.sr.SerbianNormalizationFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.stempel.StempelFilter;
import org.apache.lucene.analysis.stempel.StempelStemmer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.ta.TamilAnalyzer;
import org.apache.lucene.analysis.te.TeluguAnalyzer;
import org.apache.lucene.analysis.te.TeluguNormalizationFilter;
import org.apache.lucene.analysis.te.TeluguStemFilter;
import org.apache.lucene.analysis.th.ThaiAnalyzer;
import org.apache.lucene.analysis.tr.ApostropheFilter;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.ArmenianStemmer;
import org.tartarus.snowball.ext.BasqueStemmer;
import org.tartarus.snowball.ext.CatalanStemmer;
import org.tartarus.snowball.ext.DanishStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EstonianStemmer;
import org.tartarus.snowball.ext.FinnishStemmer;
import org.tartarus.snowball.ext.HungarianStemmer;
import org.tartarus.snowball.ext.IrishStemmer;
import org.tartarus.snowball.ext.LithuanianStemmer;
import org.tartarus.snowball.ext.NepaliStemmer;
import org.tartarus.snowball.ext.NorwegianStemmer;
import org.tartarus.snowball.ext.RomanianStemmer;
import org.tartarus.snowball.ext.RussianStemmer;
import org.tartarus.snowball.ext.SerbianStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;
import org.tartarus.snowball.ext.TamilStemmer;
import org.tartarus.snowball.ext.TurkishStemmer;

import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One recipe per language. Each follows the filter order of the Lucene (and Elasticsearch
 * built-in) analyzer of the same language, so that documents analysed here and on a cluster
 * with analysis-common behave alike, plus two Newsflow additions:
 * <ul>
 *   <li>ASCII folding <em>after</em> the stemmer: stemmers are written for the language's own
 *   spelling (the Spanish one expects "políticas"), folding afterwards lets "Erdogan" meet
 *   "Erdoğan" and "Sao Paulo" meet "São Paulo" without changing what the stemmer sees. It only
 *   touches Latin letters, so Cyrillic, Greek or Arabic stems are unaffected while Latin names
 *   inside such text are folded too.</li>
 *   <li>Elision for the languages that glue articles with an apostrophe (French, Italian,
 *   Catalan, Irish), so that "l'Europe" is indexed as "europe".</li>
 * </ul>
 */
final class Recipes {
    private Recipes() {}

    private static final CharArraySet ITALIAN_ARTICLES = set(
        "c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl", "negl", "sugl", "un", "m", "t", "s", "v", "d");
    private static final CharArraySet CATALAN_ARTICLES = set("d", "l", "m", "n", "s", "t");
    private static final CharArraySet IRISH_ARTICLES = set("d", "m", "b");
    /** The neutral analyzer strips the articles of every elision language: it does not know the language. */
    private static final CharArraySet ALL_ARTICLES = union(FrenchAnalyzer.DEFAULT_ARTICLES, ITALIAN_ARTICLES, CATALAN_ARTICLES);
    /** Lucene has no Ukrainian stop list outside analysis-morfologik; the commonest function words. */
    private static final CharArraySet UKRAINIAN_STOP = set(
        "і", "й", "та", "в", "у", "на", "з", "із", "зі", "до", "що", "як", "але", "не", "це", "той", "та", "по", "за", "від",
        "для", "про", "при", "над", "під", "чи", "а", "же", "ж", "би", "б", "було", "був", "була", "є", "його", "її", "їх");

    private static CharArraySet set(String... words) {
        return CharArraySet.unmodifiableSet(new CharArraySet(Arrays.asList(words), true));
    }

    private static CharArraySet union(CharArraySet... sets) {
        CharArraySet all = new CharArraySet(64, true);
        for (CharArraySet s : sets) all.addAll(s);
        return CharArraySet.unmodifiableSet(all);
    }

    private static Supplier<Tokenizer> standard() {
        return StandardTokenizer::new;
    }

    private static TokenStream fold(TokenStream in) {
        return new ASCIIFoldingFilter(in);
    }

    private static TokenStream snowball(TokenStream in, Supplier<SnowballStemmer> stemmer) {
        return new SnowballFilter(in, stemmer.get());
    }

    /** Standard tokenizer, lowercase, stop words, a stemmer, ASCII folding. */
    private static Analyzer simple(CharArraySet stop, Function<TokenStream, TokenStream> stem) {
        return new ChainAnalyzer(standard(), in -> fold(stem.apply(new StopFilter(new LowerCaseFilter(in), stop))));
    }

    private static Analyzer withElision(CharArraySet articles, CharArraySet stop, Function<TokenStream, TokenStream> stem) {
        return new ChainAnalyzer(standard(), in -> fold(stem.apply(new StopFilter(new LowerCaseFilter(new ElisionFilter(in, articles)), stop))));
    }

    static Analyzer english() {
        return new ChainAnalyzer(standard(), in -> fold(new PorterStemFilter(
            new StopFilter(new LowerCaseFilter(new EnglishPossessiveFilter(in)), EnglishAnalyzer.ENGLISH_STOP_WORDS_SET))));
    }

    static Analyzer german() {
        // Normalisation (ä → a, ß → ss) before the light stemmer, as Lucene's GermanAnalyzer does.
        return simple(GermanAnalyzer.getDefaultStopSet(), in -> new GermanLightStemFilter(new GermanNormalizationFilter(in)));
    }

    static Analyzer french() {
        return withElision(FrenchAnalyzer.DEFAULT_ARTICLES, FrenchAnalyzer.getDefaultStopSet(), FrenchLightStemFilter::new);
    }

    static Analyzer italian() {
        return withElision(ITALIAN_ARTICLES, ItalianAnalyzer.getDefaultStopSet(), ItalianLightStemFilter::new);
    }

    static Analyzer catalan() {
        return withElision(CATALAN_ARTICLES, CatalanAnalyzer.getDefaultStopSet(), in -> snowball(in, CatalanStemmer::new));
    }

    static Analyzer spanish() {
        return simple(SpanishAnalyzer.getDefaultStopSet(), SpanishLightStemFilter::new);
    }

    static Analyzer portuguese() {
        return simple(PortugueseAnalyzer.getDefaultStopSet(), PortugueseLightStemFilter::new);
    }

    static Analyzer galician() {
        return simple(GalicianAnalyzer.getDefaultStopSet(), GalicianStemFilter::new);
    }

    static Analyzer romanian() {
        // ş/ţ (cedilla) and ș/ț (comma) are both in use; one spelling before the stemmer.
        return simple(RomanianAnalyzer.getDefaultStopSet(), in -> snowball(new RomanianNormalizationFilter(in), RomanianStemmer::new));
    }

    static Analyzer dutch() {
        return simple(DutchAnalyzer.getDefaultStopSet(), in -> snowball(in, DutchStemmer::new));
    }

    static Analyzer swedish() {
        return simple(SwedishAnalyzer.getDefaultStopSet(), in -> snowball(in, SwedishStemmer::new));
    }

    static Analyzer danish() {
        return simple(DanishAnalyzer.getDefaultStopSet(), in -> snowball(in, DanishStemmer::new));
    }

    static Analyzer norwegian() {
        return simple(NorwegianAnalyzer.getDefaultStopSet(), in -> snowball(in, NorwegianStemmer::new));
    }

    static Analyzer finnish() {
        return simple(FinnishAnalyzer.getDefaultStopSet(), in -> snowball(in, FinnishStemmer::new));
    }

    static Analyzer estonian() {
        return simple(EstonianAnalyzer.getDefaultStopSet(), in -> snowball(in, EstonianStemmer::new));
    }

    static Analyzer hungarian() {
        return simple(HungarianAnalyzer.getDefaultStopSet(), in -> snowball(in, HungarianStemmer::new));
    }

    static Analyzer basque() {
        return simple(BasqueAnalyzer.getDefaultStopSet(), in -> snowball(in, BasqueStemmer::new));
    }

    static Analyzer armenian() {
        return simple(ArmenianAnalyzer.getDefaultStopSet(), in -> snowball(in, ArmenianStemmer::new));
    }

    static Analyzer lithuanian() {
        return simple(LithuanianAnalyzer.getDefaultStopSet(), in -> snowball(in, LithuanianStemmer::new));
    }

    static Analyzer latvian() {
        return simple(LatvianAnalyzer.getDefaultStopSet(), LatvianStemFilter::new);
    }

    static Analyzer czech() {
        return simple(CzechAnalyzer.getDefaultStopSet(), CzechStemFilter::new);
    }

    static Analyzer polish() {
        // Stempel: the statistical stemmer Lucene's PolishAnalyzer uses, with its stemming table.
        return simple(PolishAnalyzer.getDefaultStopSet(), in -> new StempelFilter(in, new StempelStemmer(PolishAnalyzer.getDefaultTable())));
    }

    static Analyzer russian() {
        return simple(RussianAnalyzer.getDefaultStopSet(), in -> snowball(in, RussianStemmer::new));
    }

    static Analyzer ukrainian() {
        return simple(UKRAINIAN_STOP, UkrainianLightStemFilter::new);
    }

    static Analyzer bulgarian() {
        return simple(BulgarianAnalyzer.getDefaultStopSet(), BulgarianStemFilter::new);
    }

    static Analyzer serbian() {
        // Serbian is written in Cyrillic and Latin; the normaliser maps both to one Latin form.
        return simple(SerbianAnalyzer.getDefaultStopSet(), in -> snowball(new SerbianNormalizationFilter(in), SerbianStemmer::new));
    }

    static Analyzer greek() {
        // Greek lowercasing also drops the tonos and final sigma, which the stemmer relies on.
        return new ChainAnalyzer(standard(), in -> fold(new GreekStemFilter(new StopFilter(new GreekLowerCaseFilter(in), GreekAnalyzer.getDefaultStopSet()))),
            r -> r, in -> new GreekLowerCaseFilter(in));
    }

    static Analyzer turkish() {
        // Turkish lowercasing maps I → ı and İ → i (plain lowercasing would give i̇ and i);
        // the apostrophe filter cuts suffixes off proper names (Türkiye'nin → Türkiye); folding
        // last lets ı/ş/ğ spellings meet their ASCII renderings (Erdogan, Istanbul).
        return new ChainAnalyzer(standard(),
            in -> fold(snowball(new StopFilter(new TurkishLowerCaseFilter(new ApostropheFilter(in)), TurkishAnalyzer.getDefaultStopSet()), TurkishStemmer::new)),
            r -> r, in -> fold(new TurkishLowerCaseFilter(in)));
    }

    static Analyzer irish() {
        return new ChainAnalyzer(standard(), in -> fold(snowball(
            new StopFilter(new IrishLowerCaseFilter(new ElisionFilter(in, IRISH_ARTICLES)), IrishAnalyzer.getDefaultStopSet()), IrishStemmer::new)),
            r -> r, in -> fold(new IrishLowerCaseFilter(in)));
    }

    static Analyzer indonesian() {
        return simple(IndonesianAnalyzer.getDefaultStopSet(), IndonesianStemFilter::new);
    }

    static Analyzer arabic() {
        // The light stemmer removes the attached prefixes (ال, وال, بال, كال, فال, لل, و) and
        // common suffixes after normalisation of alef/yeh/teh marbuta variants and diacritics.
        return new ChainAnalyzer(standard(), in -> fold(new ArabicStemFilter(new ArabicNormalizationFilter(
            new StopFilter(new DecimalDigitFilter(new LowerCaseFilter(in)), ArabicAnalyzer.getDefaultStopSet())))));
    }

    static Analyzer persian() {
        // The char filter turns the zero-width non-joiner (inside words like می‌شود) into a space.
        return new ChainAnalyzer(standard(), in -> fold(new PersianStemFilter(new StopFilter(new PersianNormalizationFilter(
            new ArabicNormalizationFilter(new DecimalDigitFilter(new LowerCaseFilter(in)))), PersianAnalyzer.getDefaultStopSet()))),
            PersianCharFilter::new, in -> new LowerCaseFilter(in));
    }

    static Analyzer sorani() {
        return new ChainAnalyzer(standard(), in -> fold(new SoraniStemFilter(new StopFilter(
            new DecimalDigitFilter(new LowerCaseFilter(new SoraniNormalizationFilter(in))), SoraniAnalyzer.getDefaultStopSet()))));
    }

    static Analyzer hindi() {
        return new ChainAnalyzer(standard(), in -> fold(new HindiStemFilter(new StopFilter(new HindiNormalizationFilter(
            new IndicNormalizationFilter(new DecimalDigitFilter(new LowerCaseFilter(in)))), HindiAnalyzer.getDefaultStopSet()))));
    }

    static Analyzer bengali() {
        return new ChainAnalyzer(standard(), in -> fold(new BengaliStemFilter(new StopFilter(new BengaliNormalizationFilter(
            new IndicNormalizationFilter(new DecimalDigitFilter(new LowerCaseFilter(in)))), BengaliAnalyzer.getDefaultStopSet()))));
    }

    static Analyzer telugu() {
        return new ChainAnalyzer(standard(), in -> fold(new TeluguStemFilter(new StopFilter(new TeluguNormalizationFilter(
            new IndicNormalizationFilter(new DecimalDigitFilter(new LowerCaseFilter(in)))), TeluguAnalyzer.getDefaultStopSet()))));
    }

    static Analyzer tamil() {
        return simple(TamilAnalyzer.getDefaultStopSet(), in -> snowball(new IndicNormalizationFilter(in), TamilStemmer::new));
    }

    static Analyzer nepali() {
        return simple(NepaliAnalyzer.getDefaultStopSet(), in -> snowball(new IndicNormalizationFilter(in), NepaliStemmer::new));
    }

    static Analyzer thai() {
        // Thai has no spaces between words: the ICU tokenizer segments it with a dictionary.
        return new ChainAnalyzer(ICUTokenizer::new, in -> fold(new StopFilter(new LowerCaseFilter(in), ThaiAnalyzer.getDefaultStopSet())));
    }

    static Analyzer cjk() {
        // Chinese and Japanese. The ICU tokenizer finds words with ICU's CJ dictionary, but its
        // words are often longer than what readers search for (北京市 is one word, a query for
        // 北京 is another): overlapping bigrams over the ICU tokens make 北京 match inside 北京市,
        // while text with 北 and 京 apart (南京 … 北方) still has no 北京 bigram. The neutral copy
        // (newsflow_folding) keeps ICU's whole words for precision. Width-folding makes
        // full-width Latin and half-width kana ordinary, ICU folding lowercases the rest.
        return new ChainAnalyzer(ICUTokenizer::new, in -> new ICUFoldingFilter(new CJKBigramFilter(new CJKWidthFilter(in))), r -> r,
            in -> new ICUFoldingFilter(new CJKWidthFilter(in)));
    }

    static Analyzer korean() {
        // ICU has no Korean dictionary; space-separated words carry particles (서울에서), so
        // overlapping Hangul bigrams (Elasticsearch's cjk analyzer does the same) match the stem.
        return new ChainAnalyzer(standard(), in -> fold(new CJKBigramFilter(new LowerCaseFilter(new CJKWidthFilter(in)))));
    }

    static Analyzer folding() {
        // The language-neutral copy: any script, no stemming. The ICU tokenizer segments CJK and
        // Thai even when the language was not detected; ICU folding lowercases and removes
        // diacritics in every script (Erdoğan → erdogan, é → e, ё → е).
        return new ChainAnalyzer(ICUTokenizer::new, in -> new ICUFoldingFilter(new ElisionFilter(in, ALL_ARTICLES)), r -> r,
            ICUFoldingFilter::new);
    }
}
