/**
 * The story fingerprint of one article: the features that survive translation, each with a
 * prior weight for how much it says about which story this is. Rarity is not known here (it
 * depends on what else was published in the window); the candidate index supplies it.
 *
 * Feature keys are short, typed strings, the same whatever the article's language:
 *   e:<entity id>   canonical entity ("e:person:xi-jinping", "e:place:country:CN")
 *   n:<skeleton>    a name's consonant skeleton (names.ts), for names not resolved to one id
 *   #:<number>      a figure (numbers.ts)
 *   d:<yyyy-mm-dd>  a date written with digits
 *   u:<host/path>   an outbound link; i:<host/path> the lead image; m:<service:id> embedded media
 *   p:<group>       the publisher group (language editions of one outlet)
 */
import type { EntityType } from '../entities';
import { nameSkeleton } from './names';
import { storyNumbers, type StoryNumber } from './numbers';

export interface StoryFeature {
  key: string;
  /** Prior weight, before rarity. */
  weight: number;
  /**
   * Whether the feature finds candidates (goes into the inverted index). Publisher groups only
   * add to a score: one outlet publishes hundreds of stories a day.
   */
  indexed: boolean;
  /**
   * Features that are one piece of evidence said twice share a group (an entity's id and the
   * skeletons of its name): a score counts the strongest shared feature of a group once.
   */
  group?: string;
}

export interface StoryEvidence {
  features: StoryFeature[];
  /**
   * Whether the text is in a script that name skeletons read (Latin, Cyrillic, Greek, Katakana):
   * a story's loose skeletons say nothing against an article in any other.
   */
  namesReadable: boolean;
}

export interface StoryEntity {
  id?: string;
  name: string;
  type: EntityType;
  countryCode?: string;
  aliases?: string[];
}

export interface StoryArticle {
  title?: string;
  body: string;
  /** The lead image URL, if the page names one. */
  image?: string;
  /** Outbound links of the body, when the cleaner keeps them. */
  links?: readonly string[];
  /** The outlet group: the same value for every language edition of one outlet. */
  publisherGroup?: string;
}

/** Features kept per article: the fingerprint stays small in Redis and in every comparison. */
export const MAX_STORY_FEATURES = 48;

/**
 * Prior weights. People and organisations name a story more than places do; a country is
 * named in half of all news. Figures other than small counts are specific; link paths, image
 * paths and media ids are near-proof of one story.
 */
export const FEATURE_WEIGHTS = Object.freeze({
  person: 3,
  organization: 2.5,
  place: 2,
  country: 1,
  skeleton: 1,
  year: 1.5,
  decimal: 2.5,
  large: 2.5,
  count: 1,
  date: 3,
  link: 4,
  linkHost: 0.5,
  image: 5,
  media: 5,
  publisher: 1,
});

function numberWeight(kind: StoryNumber['kind']): number {
  return FEATURE_WEIGHTS[kind];
}

/** Words of cased scripts (Latin, Cyrillic, Greek) starting with a capital, and Katakana runs. */
const CAPITALISED = /(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{M}'’-]*/gu;
const KATAKANA_RUN = /[\p{Script=Katakana}ー・]{3,}/gu;
/** A Latin word inside text of another script keeps its spelling through translation ("iPhone"). */
const LATIN_WORD = /(?<![\p{L}\p{N}])[a-zA-Z][a-zA-Z'-]{2,}/gu;
/** Languages that capitalise common nouns (ISO 639-3). */
const NOUN_CAPITALISING: ReadonlySet<string> = new Set(['deu', 'ltz', 'gsw', 'bar']);
const SENTENCE_END = /[.!?。！？:;…]\s*$/u;

/**
 * Capitalised words that are not the first word of a sentence (where every word is
 * capitalised), split on hyphens. In a Latin-script text they are mostly names and cognates
 * ("Akademie", "Academy"); in a Cyrillic or Greek one, names and their inflections.
 */
function nameWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(CAPITALISED)) {
    const before = text.slice(Math.max(0, match.index - 3), match.index);
    if (match.index === 0 || SENTENCE_END.test(before) || /["«„“]\s*$/u.test(before)) continue;
    words.push(...match[0].split(/[-'’]/));
  }
  const latinShare = (text.match(/[a-zA-Z]/g)?.length ?? 0) / Math.max(1, text.replace(/[\s\p{P}\p{N}]/gu, '').length);
  if (latinShare < 0.5) for (const match of text.matchAll(LATIN_WORD)) words.push(match[0]);
  for (const match of text.matchAll(KATAKANA_RUN)) words.push(...match[0].split('・'));
  return words;
}

/** Dates written with digits: 2024-03-05, 05.03.2024, 05/03/2024 (day first, as most of the world). */
function digitDates(text: string): string[] {
  const dates = new Set<string>();
  for (const m of text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) dates.add(`${m[1]}-${m[2]}-${m[3]}`);
  for (const m of text.matchAll(/\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b/g)) {
    const [day, month] = [Number(m[1]), Number(m[2])];
    if (day >= 1 && day <= 31 && month >= 1 && month <= 12) dates.add(`${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  }
  return [...dates];
}

/** host + path of a URL, lower-cased host, no "www.", no query (tracking parameters differ by edition). */
function urlKey(url: string): { host: string; path: string } | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
    return { host, path: parsed.pathname.replace(/\/+$/, '') };
  } catch {
    return undefined;
  }
}

/** Ids of embedded media, which every edition embeds unchanged (a video, a post). */
function mediaId(url: string): string | undefined {
  const youtube = /(?:youtube\.com\/(?:watch\?(?:.*&)?v=|embed\/|shorts\/)|youtu\.be\/)([\w-]{11})/.exec(url);
  if (youtube) return `youtube:${youtube[1]}`;
  const post = /(?:twitter\.com|x\.com)\/[^/]+\/status\/(\d+)/.exec(url);
  if (post) return `x:${post[1]}`;
  const vimeo = /vimeo\.com\/(?:video\/)?(\d+)/.exec(url);
  if (vimeo) return `vimeo:${vimeo[1]}`;
  return undefined;
}

const URL_IN_TEXT = /https?:\/\/[^\s"'<>«»]+/g;

/**
 * The fingerprint of an article: its entities, figures, digit dates, name skeletons, links,
 * image and publisher group, strongest first, at most MAX_STORY_FEATURES.
 */
export function storyEvidence(article: StoryArticle, entities: readonly StoryEntity[], language?: string): StoryEvidence {
  const features = new Map<string, StoryFeature>();
  const add = (key: string, weight: number, indexed = true, group?: string): void => {
    const known = features.get(key);
    if (!known || known.weight < weight) features.set(key, { key, weight, indexed, ...((known?.group ?? group) ? { group: known?.group ?? group } : {}) });
  };
  const text = article.title ? `${article.title}. ${article.body}` : article.body;

  // Words of entity names and mentions belong to their entity: a demonym the extractor read as
  // a country ("German") is that country, not one more name.
  const entityWords = new Set<string>();
  const wordsOf = (name: string): string[] => name.split(/[\s\-'’·・]+/u).filter(Boolean);
  for (const entity of entities) {
    const group = `e:${entity.id ?? entity.name}`;
    const isCountry = entity.id?.startsWith('place:country:') ?? false;
    if (entity.id) add(`e:${entity.id}`, isCountry ? FEATURE_WEIGHTS.country : FEATURE_WEIGHTS[entity.type], true, group);
    for (const word of [entity.name, ...(entity.aliases ?? [])].flatMap(wordsOf)) {
      entityWords.add(word.toLowerCase());
      const skeleton = isCountry ? undefined : nameSkeleton(word);
      if (skeleton) add(`n:${skeleton}`, FEATURE_WEIGHTS.skeleton, true, group);
    }
  }
  // German capitalises every noun: there only the extractor's names are names.
  if (!language || !NOUN_CAPITALISING.has(language)) {
    for (const word of nameWords(text)) {
      if (entityWords.has(word.toLowerCase())) continue;
      const skeleton = nameSkeleton(word);
      if (skeleton) add(`n:${skeleton}`, FEATURE_WEIGHTS.skeleton);
    }
  }
  for (const figure of storyNumbers(text)) add(`#:${figure.value}`, numberWeight(figure.kind));
  for (const date of digitDates(text)) add(`d:${date}`, FEATURE_WEIGHTS.date);

  for (const link of [...(article.links ?? []), ...(text.match(URL_IN_TEXT) ?? [])]) {
    const media = mediaId(link);
    if (media) add(`m:${media}`, FEATURE_WEIGHTS.media);
    const key = urlKey(link);
    if (!key) continue;
    if (key.path) add(`u:${key.host}${key.path}`, FEATURE_WEIGHTS.link);
    add(`h:${key.host}`, FEATURE_WEIGHTS.linkHost);
  }
  if (article.image) {
    const key = urlKey(article.image);
    if (key?.path) add(`i:${key.host}${key.path}`, FEATURE_WEIGHTS.image);
  }
  if (article.publisherGroup) add(`p:${article.publisherGroup.toLowerCase()}`, FEATURE_WEIGHTS.publisher, false);

  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const readable = text.match(/[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Katakana}]/gu)?.length ?? 0;
  const ranked = [...features.values()].sort((a, b) => b.weight - a.weight || (a.key < b.key ? -1 : 1));
  return { features: ranked.slice(0, MAX_STORY_FEATURES), namesReadable: letters === 0 || readable / letters >= 0.5 };
}
