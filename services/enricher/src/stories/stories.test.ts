import { describe, expect, it } from 'vitest';
import { loadEntityExtractor } from '../entities';
import { storyEvidence, type StoryFeature } from './evidence';
import { chooseStory, evidenceWeight, isLooseSkeleton, scoreCandidates, type StoryScore } from './score';

/**
 * One invented story in English, German, Russian and Chinese (written for this test, each
 * version in its own wording), and a different story about the same two people.
 */
const STORY: Record<string, string> = {
  eng: 'Chinese President Xi Jinping met German Chancellor Olaf Scholz in Beijing on Friday. Scholz, who flew in with a delegation of 12 business leaders, said trade between the two countries reached 297.9 billion euros in 2021. Volkswagen and BASF, which employ more than 4,500 people in China, joined the talks, Xinhua reported.',
  deu: 'Der chinesische Staatspräsident Xi Jinping hat Bundeskanzler Olaf Scholz am Freitag in Peking empfangen. Scholz, der mit einer Delegation von 12 Wirtschaftsvertretern angereist war, sagte, der Handel zwischen beiden Ländern habe 2021 297,9 Milliarden Euro erreicht. Volkswagen und BASF, die in China mehr als 4.500 Menschen beschäftigen, nahmen an den Gesprächen teil, berichtete Xinhua.',
  rus: 'Председатель КНР Си Цзиньпин в пятницу принял в Пекине канцлера Германии Олафа Шольца. Шольц, прилетевший с делегацией из 12 руководителей компаний, заявил, что товарооборот между двумя странами в 2021 году достиг 297,9 млрд евро. Volkswagen и BASF, в которых в Китае работают более 4 500 человек, присоединились к переговорам, сообщило агентство Синьхуа.',
  cmn: '中国国家主席习近平周五在北京会见了德国总理朔尔茨。朔尔茨率领由12位企业负责人组成的代表团访华，他说，2021年两国贸易额达到2979亿欧元。在中国雇用超过4500人的大众汽车和巴斯夫也参加了会谈，新华社报道。',
};
const OTHER_STORY = 'Olaf Scholz spoke with Xi Jinping by video link on Tuesday about the war in Ukraine. The German chancellor urged China to use its influence on Russia, a government spokesman in Berlin said, adding that the call lasted 90 minutes.';

const extractor = loadEntityExtractor();
const evidenceOf = (text: string, language: string): StoryFeature[] => storyEvidence({ body: text }, extractor.extract(text, language), language).features;

/**
 * Rarity as a week of news would give it: a country is in a fifth of the stories, a year or
 * a small count in a tenth, the two leaders in 20 stories (that they meet and call is news all
 * week, which is the point of the second story), anything else in this story alone.
 */
const STORIES_IN_WINDOW = 2_000;
const LEADERS = ['e:person:xi-jinping', 'e:person:olaf-scholz', 'n:srs'];
function storiesWith(feature: StoryFeature): number {
  if (feature.key.startsWith('e:place:country:')) return 400;
  if (LEADERS.includes(feature.key)) return 20;
  if (/^#:(\d{4}|\d{2})$/.test(feature.key)) return 200;
  return 1;
}

/** The score of `article` against a story whose members showed the features in `members`. */
function scoreAgainst(article: StoryFeature[], members: StoryFeature[][]): StoryScore {
  const counts = article.map((feature) => members.filter((m) => m.some((f) => f.key === feature.key)).length);
  const candidate = { storyId: 'story', memberCounts: counts, originalWeight: evidenceWeight(members[0]!) };
  return scoreCandidates(article, article.map(storiesWith), STORIES_IN_WINDOW, [candidate])[0]!;
}

describe('stories across languages', () => {
  it('puts the German, Russian and Chinese versions in the English original’s story', () => {
    const original = evidenceOf(STORY.eng!, 'eng');
    for (const language of ['deu', 'rus', 'cmn']) {
      const score = scoreAgainst(evidenceOf(STORY[language]!, language), [original]);
      expect(chooseStory([score]), `${language}: ${JSON.stringify(score)}`).toBeDefined();
    }
  });

  it('lets a translation join through the members already in the story', () => {
    const members = [evidenceOf(STORY.eng!, 'eng'), evidenceOf(STORY.deu!, 'deu'), evidenceOf(STORY.rus!, 'rus')];
    const score = scoreAgainst(evidenceOf(STORY.cmn!, 'cmn'), members);
    expect(chooseStory([score])).toBeDefined();
    expect(score.coverage).toBeGreaterThan(0.5);
  });

  it('keeps a different story about the same people apart, in either direction', () => {
    const other = evidenceOf(OTHER_STORY, 'eng');
    for (const language of ['eng', 'deu', 'rus', 'cmn']) {
      const version = evidenceOf(STORY[language]!, language);
      const toVersion = scoreAgainst(other, [version]);
      const toOther = scoreAgainst(version, [other]);
      expect(chooseStory([toVersion]), `other → ${language}: ${JSON.stringify(toVersion)}`).toBeUndefined();
      expect(chooseStory([toOther]), `${language} → other: ${JSON.stringify(toOther)}`).toBeUndefined();
    }
  });
});

describe('storyEvidence', () => {
  it('finds the figures and names that survive translation', () => {
    const keys = (text: string, language: string): string[] => evidenceOf(text, language).map((f) => f.key);
    for (const language of ['eng', 'deu', 'rus']) {
      expect(keys(STORY[language]!, language), language).toEqual(expect.arrayContaining(['#:297.9', '#:4500', '#:2021', 'e:person:xi-jinping']));
    }
    expect(keys(STORY.cmn!, 'cmn')).toEqual(expect.arrayContaining(['#:4500', '#:2021']));
  });

  it('counts an entity found by id and by name skeleton once', () => {
    const features = storyEvidence({ body: 'x' }, [{ id: 'person:bob-dylan', name: 'Bob Dylan', type: 'person' }]).features;
    expect(features.map((f) => f.key).sort()).toEqual(['e:person:bob-dylan', 'n:drn']);
    const both = scoreCandidates(features, [1, 1], 1000, [{ storyId: 's', memberCounts: [1, 1] }])[0]!;
    const idOnly = scoreCandidates(features, [1, 1], 1000, [{ storyId: 's', memberCounts: features.map((f) => (f.key.startsWith('e:') ? 1 : 0)) }])[0]!;
    expect(both.shared).toBeCloseTo(idOnly.shared);
    expect(both.coverage).toBe(1);
  });

  it('does not hold an article in a script without skeletons to the story’s loose skeletons', () => {
    const feature = (key: string, weight: number): StoryFeature => ({ key, weight, indexed: true });
    // The English original: a year, two countries and four names the extractor did not resolve.
    const original = [feature('#:2006', 1.5), feature('e:place:country:DE', 1), feature('e:place:country:IT', 1), ...['n:frd', 'n:nrd', 'n:rmb', 'n:drn'].map((k) => feature(k, 1))];
    const arabic = [feature('#:2006', 1.5), feature('e:place:country:DE', 1), feature('e:place:country:IT', 1)];
    const candidate = { storyId: 's', memberCounts: [1, 1, 1], originalWeight: evidenceWeight(original), originalNameWeight: evidenceWeight(original.filter(isLooseSkeleton)) };
    const [asLatin] = scoreCandidates(arabic, [3, 40, 40], 2000, [candidate], undefined, true);
    const [asArabic] = scoreCandidates(arabic, [3, 40, 40], 2000, [candidate], undefined, false);
    expect(asArabic!.storyCoverage).toBe(1);
    expect(asLatin!.storyCoverage).toBeLessThan(0.5);
    expect(asArabic!.shared).toBeCloseTo(asLatin!.shared);
  });

  it('takes links, embedded media, the lead image and the publisher group', () => {
    const features = storyEvidence(
      {
        body: 'Watch https://www.youtube.com/watch?v=dQw4w9WgXcQ and read https://www.who.int/news/item/2024-report?utm_source=x',
        image: 'https://cdn.example.org/photos/2024/summit.jpg?w=800',
        publisherGroup: 'Deutsche Welle',
      },
      [],
    ).features;
    const byKey = new Map(features.map((f) => [f.key, f]));
    expect(byKey.has('m:youtube:dQw4w9WgXcQ')).toBe(true);
    expect(byKey.has('u:who.int/news/item/2024-report')).toBe(true);
    expect(byKey.has('i:cdn.example.org/photos/2024/summit.jpg')).toBe(true);
    // One outlet publishes hundreds of stories: its group adds to a score, never finds candidates.
    expect(byKey.get('p:deutsche welle')?.indexed).toBe(false);
  });

  it('says whether the text is in a script that name skeletons read', () => {
    expect(storyEvidence({ body: STORY.rus! }, []).namesReadable).toBe(true);
    expect(storyEvidence({ body: STORY.cmn! }, []).namesReadable).toBe(false);
    expect(storyEvidence({ body: 'التقى الرئيس بالوفد في 2006' }, []).namesReadable).toBe(false);
  });

  it('stays bounded however long the article', () => {
    const body = Array.from({ length: 400 }, (_, i) => `Item ${1000 + i * 7} went to Kowalczyk${i}.`).join(' ');
    expect(storyEvidence({ body }, [], 'eng').features.length).toBeLessThanOrEqual(48);
  });
});
