package dev.newsflow.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;

/**
 * The analyzers this plugin registers, one named component each (the stable plugin API finds
 * them through named_components.json, which must list every class here: infra/es-analysis-plugin.test.ts
 * checks the list, and the integration test
 * test/search/language-analysis.test.ts analyses text with each name the search package uses).
 * The names carry a newsflow_ prefix so they never collide with the built-ins of a full
 * distribution (english, german, ...).
 */
public final class NewsflowAnalyzers {
    private NewsflowAnalyzers() {}

    @NamedComponent("newsflow_english")
    public static final class English implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.english();
        }
    }

    @NamedComponent("newsflow_german")
    public static final class German implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.german();
        }
    }

    @NamedComponent("newsflow_french")
    public static final class French implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.french();
        }
    }

    @NamedComponent("newsflow_italian")
    public static final class Italian implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.italian();
        }
    }

    @NamedComponent("newsflow_catalan")
    public static final class Catalan implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.catalan();
        }
    }

    @NamedComponent("newsflow_spanish")
    public static final class Spanish implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.spanish();
        }
    }

    @NamedComponent("newsflow_portuguese")
    public static final class Portuguese implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.portuguese();
        }
    }

    @NamedComponent("newsflow_galician")
    public static final class Galician implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.galician();
        }
    }

    @NamedComponent("newsflow_romanian")
    public static final class Romanian implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.romanian();
        }
    }

    @NamedComponent("newsflow_dutch")
    public static final class Dutch implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.dutch();
        }
    }

    @NamedComponent("newsflow_swedish")
    public static final class Swedish implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.swedish();
        }
    }

    @NamedComponent("newsflow_danish")
    public static final class Danish implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.danish();
        }
    }

    @NamedComponent("newsflow_norwegian")
    public static final class Norwegian implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.norwegian();
        }
    }

    @NamedComponent("newsflow_finnish")
    public static final class Finnish implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.finnish();
        }
    }

    @NamedComponent("newsflow_estonian")
    public static final class Estonian implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.estonian();
        }
    }

    @NamedComponent("newsflow_hungarian")
    public static final class Hungarian implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.hungarian();
        }
    }

    @NamedComponent("newsflow_basque")
    public static final class Basque implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.basque();
        }
    }

    @NamedComponent("newsflow_armenian")
    public static final class Armenian implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.armenian();
        }
    }

    @NamedComponent("newsflow_lithuanian")
    public static final class Lithuanian implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.lithuanian();
        }
    }

    @NamedComponent("newsflow_latvian")
    public static final class Latvian implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.latvian();
        }
    }

    @NamedComponent("newsflow_czech")
    public static final class Czech implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.czech();
        }
    }

    @NamedComponent("newsflow_polish")
    public static final class Polish implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.polish();
        }
    }

    @NamedComponent("newsflow_russian")
    public static final class Russian implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.russian();
        }
    }

    @NamedComponent("newsflow_ukrainian")
    public static final class Ukrainian implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.ukrainian();
        }
    }

    @NamedComponent("newsflow_bulgarian")
    public static final class Bulgarian implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.bulgarian();
        }
    }

    @NamedComponent("newsflow_serbian")
    public static final class Serbian implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.serbian();
        }
    }

    @NamedComponent("newsflow_greek")
    public static final class Greek implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.greek();
        }
    }

    @NamedComponent("newsflow_turkish")
    public static final class Turkish implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.turkish();
        }
    }

    @NamedComponent("newsflow_irish")
    public static final class Irish implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.irish();
        }
    }

    @NamedComponent("newsflow_indonesian")
    public static final class Indonesian implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.indonesian();
        }
    }

    @NamedComponent("newsflow_arabic")
    public static final class Arabic implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.arabic();
        }
    }

    @NamedComponent("newsflow_persian")
    public static final class Persian implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.persian();
        }
    }

    @NamedComponent("newsflow_sorani")
    public static final class Sorani implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.sorani();
        }
    }

    @NamedComponent("newsflow_hindi")
    public static final class Hindi implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.hindi();
        }
    }

    @NamedComponent("newsflow_bengali")
    public static final class Bengali implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.bengali();
        }
    }

    @NamedComponent("newsflow_telugu")
    public static final class Telugu implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.telugu();
        }
    }

    @NamedComponent("newsflow_tamil")
    public static final class Tamil implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.tamil();
        }
    }

    @NamedComponent("newsflow_nepali")
    public static final class Nepali implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.nepali();
        }
    }

    @NamedComponent("newsflow_thai")
    public static final class Thai implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.thai();
        }
    }

    @NamedComponent("newsflow_cjk")
    public static final class Cjk implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.cjk();
        }
    }

    @NamedComponent("newsflow_korean")
    public static final class Korean implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.korean();
        }
    }

    @NamedComponent("newsflow_folding")
    public static final class Folding implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return Recipes.folding();
        }
    }
}
