package dev.newsflow.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;

import java.io.Reader;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * An analyzer assembled from a tokenizer, an optional char filter and a token filter chain:
 * the stable plugin API hands Elasticsearch a Lucene {@link Analyzer}, so every language is one
 * such recipe rather than a subclass.
 */
final class ChainAnalyzer extends Analyzer {
    private final Supplier<Tokenizer> tokenizer;
    private final Function<TokenStream, TokenStream> filters;
    private final UnaryOperator<Reader> charFilter;
    private final Function<TokenStream, TokenStream> normalizer;

    ChainAnalyzer(Supplier<Tokenizer> tokenizer, Function<TokenStream, TokenStream> filters) {
        this(tokenizer, filters, UnaryOperator.identity(), in -> new ASCIIFoldingFilter(new LowerCaseFilter(in)));
    }

    ChainAnalyzer(
        Supplier<Tokenizer> tokenizer,
        Function<TokenStream, TokenStream> filters,
        UnaryOperator<Reader> charFilter,
        Function<TokenStream, TokenStream> normalizer
    ) {
        this.tokenizer = tokenizer;
        this.filters = filters;
        this.charFilter = charFilter;
        this.normalizer = normalizer;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = tokenizer.get();
        return new TokenStreamComponents(source, filters.apply(source));
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return charFilter.apply(reader);
    }

    @Override
    protected Reader initReaderForNormalization(String fieldName, Reader reader) {
        return charFilter.apply(reader);
    }

    /**
     * Prefix and wildcard queries ("sanktion*") are not analysed, only normalised: without this
     * the query term keeps its capitals and accents and never meets the folded index terms.
     */
    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return normalizer.apply(in);
    }
}
