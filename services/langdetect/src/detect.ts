import { francAll } from 'franc';
import { eld } from 'eld/medium';
import type { LanguageResult } from '@newsflow/contracts';
import {
  DEFAULT_LANGUAGES,
  ELD_CLASS_MEMBERS,
  ELD_LANGUAGES,
  FRANC_LANGUAGES_BY_SCRIPT,
  LATIN_SHADOWS,
  closeGroupOf,
  fromFrancCode,
  toFrancCode,
  toIso1,
} from './languages';
import { cjkLanguage, scriptExclusions, scriptProfile, type ScriptName, type ScriptProfile } from './scripts';
import type { PageSignals } from './signals';
import { WORD_GROUPS, distinctiveWordChoice, wordsConfirm } from './distinctive-words';

/**
 * How a language is decided (each step documented where it happens):
 *
 * 1. Sample: the cleaned title and body, without URLs, e-mail addresses and digits, capped at
 *    `sampleLength` characters (ELD reads at most 1,000; franc a shorter `francSampleLength`,
 *    because it is ~20× slower and only arbitrates between a few candidates).
 * 2. Script: no letters → `und` (no_text); fewer than `minLetters` → `und` (too_short). Han, kana
 *    and Hangul decide Chinese/Japanese/Korean; a script used by one language (Greek, Thai,
 *    Georgian, Tamil, ...) decides that language. Cyrillic letters a language's alphabet lacks
 *    rule it out (ы: not Bulgarian/Ukrainian; і, ї: not Russian); Ethiopic text without the ቐ/ኸ
 *    series Tigrinya uses is not Tigrinya.
 * 3. Text: ELD (n-gram detector, 60 languages, strong on short text) names a class; when it is
 *    sure (top score ≥ `eldSureScore`), franc compares that class's members with the languages
 *    ELD has no class for and files under it (Macedonian under Serbian, Galician under
 *    Portuguese, Swahili under Tagalog, ...); franc wins only by a clear margin. When ELD is
 *    unsure, franc compares all its models for the script.
 * 4. Page signals: inside a close group (Malay/Indonesian, Croatian/Bosnian/Serbian,
 *    Bokmål/Nynorsk/Danish, Persian/Dari, ...) the declared language or the country domain picks
 *    the member unless franc clearly prefers another one. When the text is weak, a declared
 *    language the text finds plausible wins; when weak text and the page disagree, `und`
 *    (conflicting_evidence). A confident text result always beats the page (a German article on a
 *    site that declares `en` is German).
 * 5. Outside the supported list → `und` (unsupported_language) with the language as runner-up,
 *    never the nearest supported neighbour.
 */

export const DETECTOR_VERSION = 'newsflow-langid/1.0 (eld 2.1.0 medium + franc 6.2.0)';

export interface DetectorOptions {
  /** ISO 639-3 codes that may be answered; anything else is `und`. */
  languages: readonly string[];
  sampleLength: number;
  francSampleLength: number;
  /** Fewer letters than this is too little text to say anything. */
  minLetters: number;
  /** ELD top score above which ELD's class is trusted (measured: 95% of texts in ELD's languages score ≥ 0.73). */
  eldSureScore: number;
  /** franc score margin needed to overrule ELD's class with a supported language ELD does not know. */
  francOverrideMargin: number;
  /** ... and with an unsupported one (the answer becomes `und`); larger, as franc's models of minor languages are noisy. */
  francRejectMargin: number;
  /** Below this text-only confidence the page's own signals are weighed against the text. */
  weakTextConfidence: number;
  /** franc score margin needed to pick the less common member of a close group (Bosnian over Croatian). */
  closeMemberMargin: number;
}

export const DEFAULT_DETECTOR_OPTIONS: Readonly<DetectorOptions> = Object.freeze({
  languages: DEFAULT_LANGUAGES,
  sampleLength: 1_000,
  francSampleLength: 300,
  minLetters: 4,
  eldSureScore: 0.7,
  francOverrideMargin: 0.05,
  francRejectMargin: 0.12,
  closeMemberMargin: 0.05,
  weakTextConfidence: 0.5,
});

/** Scripts where one language is (practically) the only one written in it, among those we know. */
const SINGLE_LANGUAGE_SCRIPTS: Partial<Record<ScriptName, string>> = {
  Greek: 'ell', Armenian: 'hye', Georgian: 'kat', Thai: 'tha', Lao: 'lao', Khmer: 'khm', Sinhala: 'sin', Tibetan: 'bod',
  Bengali: 'ben', Gurmukhi: 'pan', Gujarati: 'guj', Oriya: 'ory', Tamil: 'tam', Telugu: 'tel', Kannada: 'kan',
  Malayalam: 'mal', OlChiki: 'sat', Tifinagh: 'zgh', Thaana: 'div',
};

/** Scripts franc has several models for, by franc's name for the script. */
const FRANC_SCRIPTS: Partial<Record<ScriptName, string>> = {
  Latin: 'Latin', Cyrillic: 'Cyrillic', Arabic: 'Arabic', Devanagari: 'Devanagari', Myanmar: 'Myanmar', Ethiopic: 'Ethiopic',
  Hebrew: 'Hebrew',
};

export interface LanguageDetector {
  readonly languages: ReadonlySet<string>;
  detect(text: string, signals?: PageSignals): LanguageResult;
}

interface TextVerdict {
  code: string;
  /** How sure the text alone is, 0..1. */
  confidence: number;
  runnerUp?: string;
  /** Languages the text finds plausible (for weighing the page's signals), best first. */
  plausible: string[];
  /** franc scores when franc ran, for close-group tie-breaks. */
  francScores: Map<string, number>;
  script: ScriptName | null;
  /** The sample the text was read from (for the page-signal rules that look at its words). */
  sample: string;
}

/** What readText works out; detect() adds the script and the sample. */
type TextReading = Omit<TextVerdict, 'script' | 'sample'>;

/** Latin-script languages only ELD knows (franc's lists cover the rest). */
const ELD_ONLY_LATIN: readonly string[] = ['isl', 'eus'];

/** Whether `code` is written in `script`, as far as the detectors' models say. */
function writesIn(code: string, script: ScriptName | null | undefined): boolean {
  if (!script) return false;
  if (SINGLE_LANGUAGE_SCRIPTS[script] === code) return true;
  if (script === 'Han' || script === 'Kana' || script === 'Hangul') return code === 'cmn' || code === 'jpn' || code === 'kor';
  const francScript = FRANC_SCRIPTS[script];
  return (francScript !== undefined && (FRANC_LANGUAGES_BY_SCRIPT[francScript] ?? []).includes(code)) || (script === 'Latin' && ELD_ONLY_LATIN.includes(code));
}

const LINKS = /\b(?:https?:\/\/|www\.)\S+|[^\s@]+@[^\s@]+\.\w+|[@#][\p{L}\p{N}_]+/gu;
const MAY_HAVE_LINKS = /:\/\/|www\.|[@#]/u;
const DIGITS_AND_SPACE = /[\p{N}\s]+/gu;

/** The text the detectors see: no links, addresses, handles or digits; single spaces; capped. */
export function prepareSample(text: string, sampleLength: number): string {
  // Cut generously before cleaning so huge bodies cost nothing, then cap the clean text.
  let sample = text.slice(0, Math.ceil(sampleLength * 1.5));
  // The link pattern is the slow part; most article text has nothing for it to remove.
  if (MAY_HAVE_LINKS.test(sample)) sample = sample.replace(LINKS, ' ');
  return sample.replace(DIGITS_AND_SPACE, ' ').trim().slice(0, sampleLength);
}

const clamp01 = (value: number) => Math.max(0, Math.min(1, value));
const round3 = (value: number) => Math.round(value * 1000) / 1000;

export function createLanguageDetector(overrides: Partial<DetectorOptions> = {}): LanguageDetector {
  const options: DetectorOptions = { ...DEFAULT_DETECTOR_OPTIONS, ...overrides };
  const supported: ReadonlySet<string> = new Set(options.languages);
  const detector = eld.newInstance();
  const francKnown = new Map(Object.entries(FRANC_LANGUAGES_BY_SCRIPT).map(([script, codes]) => [script, new Set(codes)]));
  // Supported Latin-script languages ELD has no class for: franc must always get a say on them.
  const latinFrancOnly = (FRANC_LANGUAGES_BY_SCRIPT.Latin ?? []).filter((code) => supported.has(code) && !ELD_LANGUAGES.has(code));

  function result(code: string, confidence: number, extra: { runnerUp?: string | undefined; reason?: string | undefined } = {}): LanguageResult {
    const iso1 = code === 'und' ? undefined : toIso1(code);
    return {
      code,
      ...(iso1 ? { iso1 } : {}),
      confidence: round3(clamp01(confidence)),
      ...(extra.runnerUp && extra.runnerUp !== code ? { runnerUp: extra.runnerUp } : {}),
      ...(extra.reason ? { reason: extra.reason } : {}),
      detector: DETECTOR_VERSION,
    };
  }

  function rankWithFranc(sample: string, francScript: string, candidates: Iterable<string>): [string, number][] {
    const known = francKnown.get(francScript);
    const only = [...new Set(candidates)].filter((code) => known?.has(code)).map(toFrancCode);
    if (only.length === 0) return [];
    if (only.length === 1) return [[fromFrancCode(only[0]!), 1]];
    return francAll(sample.slice(0, options.francSampleLength), { only, minLength: 1 })
      .filter(([code]) => code !== 'und')
      .map(([code, score]) => [fromFrancCode(code), score]);
  }

  /** Another supported member of `code`'s word group, when the text's distinctive words clearly point to it. */
  function wordsChoice(sample: string, code: string, allowed: (code: string) => boolean): { code: string; lead: number } | null {
    const group = WORD_GROUPS.find((members) => members.includes(code));
    if (!group) return null;
    return distinctiveWordChoice(sample, group.filter((member) => supported.has(member) && allowed(member)), code);
  }

  /** Step 3: what the text alone says. */
  function readText(sample: string, profile: ScriptProfile): TextReading {
    const lengthFactor = 0.55 + 0.45 * Math.min(1, profile.letters / 80);
    const cjk = cjkLanguage(profile);
    if (cjk) {
      return { code: cjk, confidence: (0.6 + 0.4 * profile.dominantShare) * lengthFactor + 0.1, plausible: [cjk], francScores: new Map() };
    }
    const single = profile.dominant ? SINGLE_LANGUAGE_SCRIPTS[profile.dominant] : undefined;
    if (single) {
      return { code: single, confidence: 0.5 + 0.5 * profile.dominantShare, plausible: [single], francScores: new Map() };
    }

    const excluded = scriptExclusions(sample, profile.dominant);
    const allowed = (code: string) => !excluded.has(code);
    const eldRanking = Object.entries(detector.detect(sample).getScores())
      .sort((a, b) => b[1] - a[1])
      .map(([eldClass, score]) => ({ members: (ELD_CLASS_MEMBERS[eldClass] ?? []).filter(allowed), score }))
      .filter((entry) => entry.members.length > 0);
    const eldTop = eldRanking[0];
    const eldSecond = eldRanking[1];
    const eldGap = eldTop ? (eldTop.score - (eldSecond?.score ?? 0)) / eldTop.score : 0;
    const eldPlausible = eldRanking.slice(0, 3).flatMap((entry) => entry.members);
    const francScript = profile.dominant ? FRANC_SCRIPTS[profile.dominant] : undefined;
    const eldSure = eldTop !== undefined && eldTop.score >= options.eldSureScore && eldTop.members.some((code) => supported.has(code));

    if (!francScript) {
      // A script franc has no choice in (e.g. Hangul-less Han was handled above): ELD or nothing.
      if (!eldTop) return { code: 'und', confidence: 0, plausible: [], francScores: new Map() };
      return { code: eldTop.members[0]!, confidence: (0.5 + Math.min(0.45, eldGap * 2.5)) * lengthFactor, runnerUp: eldSecond?.members[0], plausible: eldPlausible, francScores: new Map() };
    }

    if (eldSure) {
      // Relatives outside the supported list (Dari, Nynorsk) go to the supported member: they are
      // written standards of the same language, which franc tells apart poorly (documented choice).
      const members = eldTop.members.filter((code) => supported.has(code));
      const rivals = francScript === 'Latin' ? [...(LATIN_SHADOWS[eldClassOf(members[0]!)] ?? []), ...latinFrancOnly] : (FRANC_LANGUAGES_BY_SCRIPT[francScript] ?? []);
      const ranking = rankWithFranc(sample, francScript, [...eldTop.members, ...rivals].filter(allowed));
      const francScores = new Map(ranking);
      const bestMember = ranking.find(([code]) => members.includes(code)) ?? [members[0]!, Number.NaN];
      const francTop = ranking[0];
      let code = bestMember[0];
      let confidence = (0.5 + Math.min(0.45, eldGap * 2.5)) * lengthFactor;
      let runnerUp = members.find((member) => member !== code) ?? eldSecond?.members[0];
      const margin = francTop ? francTop[1] - bestMember[1] : Number.NaN;
      const needed = francTop && supported.has(francTop[0]) ? options.francOverrideMargin : options.francRejectMargin;
      if (francTop && !eldTop.members.includes(francTop[0]) && margin >= needed) {
        // A language ELD cannot name (Macedonian, Swahili, Galician...) fits clearly better.
        runnerUp = code;
        code = francTop[0];
        confidence = (0.45 + Math.min(0.4, margin * 2)) * lengthFactor;
      } else if (members.length > 1) {
        // ELD's class holds close relatives: franc only when it is clearly sure, otherwise the
        // member with more news (listed first); distinctive words may still overrule below.
        const memberScores = ranking.filter(([member]) => members.includes(member));
        const memberMargin = memberScores.length > 1 ? memberScores[0]![1] - memberScores[1]![1] : 0;
        if (memberScores.length < 2 || memberMargin < options.closeMemberMargin) {
          code = members[0]!;
          runnerUp = members[1];
        }
        confidence *= 0.6 + Math.min(0.3, memberMargin * 5);
      }
      const byWords = wordsChoice(sample, code, allowed);
      if (byWords) {
        runnerUp = code;
        code = byWords.code;
        confidence = Math.max(confidence, (0.55 + Math.min(0.35, byWords.lead * 0.1)) * lengthFactor);
      }
      return { code, confidence, runnerUp, plausible: [code, ...eldPlausible], francScores };
    }

    // ELD is unsure (or only knows an unsupported language): franc weighs every model it has for the script.
    const candidates = [...(FRANC_LANGUAGES_BY_SCRIPT[francScript] ?? []), ...(eldTop?.members ?? [])].filter(allowed);
    const ranking = rankWithFranc(sample, francScript, candidates);
    const francScores = new Map(ranking);
    const francTop = ranking[0];
    if (!francTop) {
      if (!eldTop) return { code: 'und', confidence: 0, plausible: [], francScores };
      return { code: eldTop.members[0]!, confidence: 0.3 * lengthFactor, plausible: eldPlausible, francScores };
    }
    const francMargin = ranking[1] ? francTop[1] - ranking[1][1] : 1;
    const agrees = eldTop?.members.includes(francTop[0]) ?? false;
    const confidence = (0.3 + Math.min(0.35, francMargin * 4) + (agrees ? 0.2 : 0)) * lengthFactor;
    const plausible = [francTop[0], ...ranking.slice(1, 3).map(([code]) => code), ...eldPlausible];
    const byWords = wordsChoice(sample, francTop[0], allowed);
    if (byWords) return { code: byWords.code, confidence: Math.max(confidence, 0.5 * lengthFactor), runnerUp: francTop[0], plausible, francScores };
    return { code: francTop[0], confidence, runnerUp: ranking[1]?.[0], plausible, francScores };
  }

  /** Step 4: weigh the page's own signals against the text. */
  function weighSignals(verdict: TextVerdict, signals: PageSignals | undefined): { verdict: TextVerdict; reason?: string } {
    if (!signals || verdict.code === 'und') return { verdict };
    const priors = [...signals.declared, ...signals.domain];
    if (priors.length === 0) return { verdict };
    const ignoredDeclared = (code: string) => (signals.declared.length > 0 && !signals.declared.includes(code) ? 'declared_language_ignored' : undefined);
    if (priors.includes(verdict.code)) {
      // Page and text agree: that is worth more than either alone.
      return { verdict: { ...verdict, confidence: verdict.confidence + (1 - verdict.confidence) * 0.35 }, reason: ignoredDeclared(verdict.code) };
    }
    const group = closeGroupOf(verdict.code);
    const groupPrior = priors.find((code) => group.includes(code) && supported.has(code));
    // Distinctive words in the text (Malay "kerana", Bosnian "hiljada") outrank the page's claim.
    if (groupPrior && !wordsConfirm(verdict.sample, group, verdict.code)) {
      const margin = (verdict.francScores.get(verdict.code) ?? 0) - (verdict.francScores.get(groupPrior) ?? 0);
      if (margin < options.francOverrideMargin * 3) {
        return { verdict: { ...verdict, code: groupPrior, runnerUp: verdict.code, confidence: Math.max(verdict.confidence, 0.6) }, reason: ignoredDeclared(groupPrior) };
      }
    }
    if (verdict.confidence < options.weakTextConfidence) {
      // Weak text: a page claim the text finds plausible wins; one it does not is a conflict.
      const plausiblePrior = priors.find((code) => verdict.plausible.slice(0, 4).includes(code) && supported.has(code));
      if (plausiblePrior) return { verdict: { ...verdict, code: plausiblePrior, runnerUp: verdict.code, confidence: options.weakTextConfidence } };
      // Text that says next to nothing (a two-word heading) cannot contradict a declared language in its script.
      const declaredInScript = signals.declared.find((code) => supported.has(code) && writesIn(code, verdict.script));
      if (verdict.confidence < options.weakTextConfidence / 2 && declaredInScript) {
        return { verdict: { ...verdict, code: declaredInScript, runnerUp: verdict.code, confidence: options.weakTextConfidence / 2 } };
      }
      return { verdict: { ...verdict, code: 'und', runnerUp: verdict.code, confidence: 0 }, reason: 'conflicting_evidence' };
    }
    // A confident text beats the page's claim; note the disagreement and trust the text a little less.
    return { verdict: { ...verdict, confidence: verdict.confidence * 0.9 }, reason: ignoredDeclared(verdict.code) };
  }

  return {
    languages: supported,
    detect(text: string, signals?: PageSignals): LanguageResult {
      const sample = prepareSample(text, options.sampleLength);
      const profile = scriptProfile(sample);
      if (profile.letters === 0) return result('und', 0, { reason: 'no_text' });
      const cjk = profile.dominant === 'Han' || profile.dominant === 'Kana' || profile.dominant === 'Hangul';
      if (profile.letters < (cjk ? Math.ceil(options.minLetters / 2) : options.minLetters)) {
        return result('und', 0, { reason: 'too_short' });
      }
      const textVerdict = { ...readText(sample, profile), script: profile.dominant, sample };
      if (textVerdict.code === 'und') return result('und', 0, { reason: 'no_match' });
      const { verdict, reason } = weighSignals(textVerdict, signals);
      if (verdict.code === 'und') return result('und', 0, { runnerUp: verdict.runnerUp, reason });
      if (!supported.has(verdict.code)) {
        return result('und', 0, { runnerUp: verdict.code, reason: 'unsupported_language' });
      }
      return result(verdict.code, verdict.confidence, { runnerUp: verdict.runnerUp, reason });
    },
  };
}

const ELD_CLASS_OF: ReadonlyMap<string, string> = new Map(
  Object.entries(ELD_CLASS_MEMBERS).flatMap(([eldClass, members]) => members.map((member) => [member, eldClass] as const)),
);

function eldClassOf(code: string): string {
  return ELD_CLASS_OF.get(code) ?? '';
}
